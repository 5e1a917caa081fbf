import { kubernetesVersionProblems } from "../generators/aks/kubernetesVersions";
import { regionHasZones } from "./azureRegions";
import { parseCidr, parseIpv4, productionRangeProblem, rangeContains, rangesOverlap } from "./cidr";
import { commonDefaults, profileDefaults } from "./defaults";
import { problem } from "./errors";
import type { RawConfig } from "./schema";
import { SecretValue } from "./secretValue";
import type { ClusterConfig, StackConfig } from "./types";

/** `cluster.*` with the profile's defaults: pools, zones the region has, network ranges, API server access, versions. */
export function resolveCluster(
  raw: RawConfig,
  environment: string,
  profile: StackConfig["profile"],
  problems: string[],
  failedPaths: ReadonlySet<string> = new Set(),
): ClusterConfig {
  const c = raw.cluster ?? {};
  const d = profileDefaults[profile];
  const userPoolEnabled = c.userPool?.enabled ?? d.userPool.enabled;
  const userPool = userPoolEnabled
    ? {
        vmSize: c.userPool?.vmSize ?? d.userPool.vmSize,
        minCount: c.userPool?.minCount ?? d.userPool.minCount,
        maxCount: c.userPool?.maxCount ?? d.userPool.maxCount,
      }
    : undefined;
  if (userPool && userPool.minCount > userPool.maxCount) {
    problems.push(
      problem(["cluster", "userPool", "minCount"], userPool.minCount, `must not exceed cluster.userPool.maxCount (${userPool.maxCount})`),
    );
  }
  const network = { ...commonDefaults.network, ...c.network };
  checkNetwork(network, problems);

  const authorizedIpRanges = c.authorizedIpRanges ?? [];
  if (profile === "production") {
    authorizedIpRanges.forEach((range, i) => {
      const reason = productionRangeProblem(range);
      if (reason) problems.push(problem(["cluster", "authorizedIpRanges", i], range, reason));
    });
  }
  const privateCluster = c.privateCluster ?? false;
  const clusterParsed = ![...failedPaths].some((p) => p === "cluster" || p.startsWith("cluster."));
  if (
    profile === "production" &&
    clusterParsed &&
    c.existingKubeconfig === undefined &&
    !privateCluster &&
    authorizedIpRanges.length === 0
  ) {
    problems.push(
      problem(
        ["cluster", "authorizedIpRanges"],
        authorizedIpRanges,
        "is empty, which leaves a production API server reachable from the whole internet (the policy pack's aks-api-server-access refuses it too); list your corporate and CI egress ranges, or set cluster.privateCluster: true",
      ),
    );
  }
  if (privateCluster && authorizedIpRanges.length > 0) {
    problems.push(
      problem(
        ["cluster", "authorizedIpRanges"],
        authorizedIpRanges,
        "cannot be combined with cluster.privateCluster: true (a private API server has no public endpoint to restrict); remove one of them",
      ),
    );
  }
  const allowLocalAccounts = c.allowLocalAccounts ?? false;
  if (allowLocalAccounts && profile !== "development") {
    problems.push(
      problem(
        ["cluster", "allowLocalAccounts"],
        true,
        `is only allowed in a development environment (this one uses the ${profile} profile); use Entra ID with kubelogin instead`,
      ),
    );
  }
  const kubernetesVersion = c.kubernetesVersion;
  const upgradeChannel = (c.upgradeChannel ?? commonDefaults.upgradeChannel) as ClusterConfig["upgradeChannel"];
  const skuTier = c.skuTier ?? d.skuTier;
  const supportPlan = c.supportPlan ?? "KubernetesOfficial";
  for (const p of kubernetesVersionProblems({ kubernetesVersion, upgradeChannel, skuTier, supportPlan })) {
    problems.push(problem(["cluster", p.key], p.key === "kubernetesVersion" ? kubernetesVersion : supportPlan, p.message));
  }
  const location = raw.azure?.location;
  const zonesAvailable = location === undefined || regionHasZones(location);
  if (c.zones !== undefined && c.zones.length > 0 && !zonesAvailable) {
    problems.push(
      problem(
        ["cluster", "zones"],
        c.zones,
        `cannot be used in ${location}: the region has no availability zones (config/azureRegions.ts); remove cluster.zones or choose a region with zones`,
      ),
    );
  }
  const existing = c.existingKubeconfig;
  return {
    mode: existing === undefined ? "aks" : "existing",
    name: c.name ?? `aks-${environment}`,
    kubernetesVersion,
    skuTier,
    supportPlan,
    systemPool: { vmSize: c.systemPool?.vmSize ?? d.systemPool.vmSize, count: c.systemPool?.count ?? d.systemPool.count },
    userPool,
    zones: c.zones ?? (zonesAvailable ? d.zones : []),
    adminGroupObjectIds: c.adminGroupObjectIds ?? [],
    authorizedIpRanges,
    privateCluster,
    allowLocalAccounts,
    network,
    upgradeChannel,
    nodeOsUpgradeChannel: c.nodeOsUpgradeChannel ?? commonDefaults.nodeOsUpgradeChannel,
    maintenanceWindow: { ...d.maintenanceWindow, ...c.maintenanceWindow },
    monitoring: c.monitoring ?? d.monitoring,
    azurePolicy: c.azurePolicy ?? d.azurePolicy,
    kubeloginMode: c.kubeloginMode ?? commonDefaults.kubeloginMode,
    existingKubeconfig: existing === undefined ? undefined : new SecretValue(typeof existing === "string" ? existing : undefined),
  };
}

function checkNetwork(network: { podCidr: string; serviceCidr: string; dnsServiceIp: string }, problems: string[]): void {
  const pods = parseCidr(network.podCidr);
  const services = parseCidr(network.serviceCidr);
  const dns = parseIpv4(network.dnsServiceIp);
  if (pods && services && rangesOverlap(pods, services)) {
    problems.push(
      problem(
        ["cluster", "network", "serviceCidr"],
        network.serviceCidr,
        `overlaps cluster.network.podCidr (${network.podCidr}); choose disjoint ranges`,
      ),
    );
  }
  if (services && dns !== undefined && (!rangeContains(services, dns) || dns <= services.first + 1 || dns === services.last)) {
    problems.push(
      problem(
        ["cluster", "network", "dnsServiceIp"],
        network.dnsServiceIp,
        `must be a host address inside cluster.network.serviceCidr (${network.serviceCidr}), other than the network, .1 and broadcast addresses (e.g. the .10 address)`,
      ),
    );
  }
}
