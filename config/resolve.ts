import { kubernetesVersionProblems } from "../generators/aks/kubernetesVersions";
import { canonicalGoDuration } from "../generators/flux/duration";
import { ageKeyGenerationProblems, keptAgeKeyGenerations } from "./ageKeyGenerations";
import { regionHasZones } from "./azureRegions";
import { githubDotComKnownHosts } from "../generators/ssh/githubHostKeys";
import { parseCidr, parseIpv4, productionRangeProblem, rangeContains, rangesOverlap } from "./cidr";
import { commonDefaults, defaultProfileFor, profileDefaults } from "./defaults";
import { ConfigError, problem, withSecretKeys } from "./errors";
import { checkExistingCluster } from "./existingCluster";
import { hostsMatch, parseKnownHosts } from "./knownHosts";
import { checkFluxComponents } from "./fluxComponents";
import { resolveFluxFeatures, resolveLayers } from "./fluxFeatures";
import { parseRawConfig, withNumberSources } from "./parse";
import { checkNotificationController, resolveNotifications, resolveReceiver } from "./resolveNotifications";
import type { RawConfig } from "./schema";
import { SecretValue } from "./secretValue";
import type { GitRef } from "../generators/git/gitRef";
import type { ClusterConfig, StackConfig } from "./types";

export interface ConfigInput {
  readonly project: string;
  readonly stack: string;
  /** Values under the `aks-flux-gitops:` namespace, keyed without the prefix, objects parsed. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly cacheDir: string;
  /** `GITHUB_TOKEN` from the environment of `pulumi up`; never part of the stack file. */
  readonly githubToken?: string;
  /**
   * Top-level keys whose values Pulumi decrypted from secrets (engine only). Absent:
   * the values come from a stack file, where a secret is `{secure: ...}`.
   */
  readonly secretKeys?: ReadonlySet<string>;
  /** Problems found while reading the source (YAML, namespaces), reported with the rest. */
  readonly sourceProblems?: readonly string[];
  /** Source text of numeric scalars by key path, for "quote it" hints. */
  readonly numberSources?: ReadonlyMap<string, string>;
}

const environmentPattern = /^(?=.{2,12}$)(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Validates a stack's configuration, applies the profile's defaults and returns a
 * frozen StackConfig. Throws a ConfigError listing every problem at once.
 */
export function resolveStackConfig(input: ConfigInput): StackConfig {
  return withSecretKeys(input.secretKeys ?? new Set(), () => withNumberSources(input.numberSources, () => resolve(input)));
}

function resolve(input: ConfigInput): StackConfig {
  const parsed = parseRawConfig(input.values);
  const { config: raw, failedPaths } = parsed;
  const problems = [...(input.sourceProblems ?? []), ...parsed.problems];

  const environment = raw.environment ?? input.stack;
  if (raw.environment === undefined && !environmentPattern.test(environment)) {
    problems.push(
      problem(
        ["environment"],
        environment,
        "(the stack name, used by default) must be 2-12 characters of lower-case a-z, 0-9 and single hyphens; set aks-flux-gitops:environment explicitly",
      ),
    );
  }
  const profile = raw.profile ?? defaultProfileFor(environment);
  const defaults = profileDefaults[profile];

  const required = (path: string[], value: unknown, example: string) => {
    if (value === undefined && !failedPaths.has(path.join("."))) {
      problems.push(problem(path, undefined, `is required; set it with \`pulumi config set --path ${path.join(".")} ${example}\``));
    }
  };
  const byoWithoutAzure = raw.cluster?.existingKubeconfig !== undefined && raw.sops?.keyVault === false;
  if (!byoWithoutAzure) required(["azure", "location"], raw.azure?.location, "westeurope");
  required(["github", "owner"], raw.github?.owner, "my-org");
  required(["github", "infraRepository"], raw.github?.infraRepository, "fleet-infra");

  const github = resolveGithub(raw, problems);
  if (raw.apps?.path !== undefined && !raw.apps.path.split("/").includes(environment)) {
    problems.push(
      problem(
        ["apps", "path"],
        raw.apps.path,
        `must contain the environment name (${environment}) as a directory, e.g. ./apps/overlays/${environment}, so no two stacks write the same files`,
      ),
    );
  }
  const cluster = resolveCluster(raw, environment, profile, problems);
  const kubeconfigIsSecret =
    input.secretKeys === undefined ? typeof raw.cluster?.existingKubeconfig === "object" : input.secretKeys.has("cluster");
  checkExistingCluster(raw, kubeconfigIsSecret, problems);
  problems.push(...checkFluxComponents(raw.flux?.components, raw.flux?.componentsExtra));
  const componentsExtra = raw.flux?.componentsExtra ?? [];
  const components = [...(raw.flux?.components ?? commonDefaults.flux.components), ...componentsExtra];
  const receiver = resolveReceiver(raw, cluster.mode, problems, failedPaths);
  const notifications = resolveNotifications(raw, problems, failedPaths);
  checkNotificationController(raw, components, problems);
  const appsPath = raw.apps?.path ?? `./apps/overlays/${environment}`;
  const { layers, appsNamespaces } = resolveLayers(raw, problems);
  const fluxFeatures = resolveFluxFeatures(raw, { environment, clusterMode: cluster.mode, components, github, appsPath, layers }, problems);
  const deployerObjectIds = raw.azure?.deployerObjectIds ?? [];
  const ageKeys = keptAgeKeyGenerations(raw.sops ?? {});
  problems.push(...ageKeyGenerationProblems(raw.sops ?? {}));

  if (problems.length > 0) throw new ConfigError(problems);

  const location = raw.azure?.location ?? "";
  const stackConfig: StackConfig = {
    project: input.project,
    stack: input.stack,
    environment,
    profile,
    protect: raw.protect ?? defaults.protect,
    azure: {
      location,
      resourceGroupName: raw.azure?.existingResourceGroupName ?? `rg-${input.project}-${environment}`,
      useExistingResourceGroup: raw.azure?.existingResourceGroupName !== undefined,
      tags: { ...raw.azure?.tags, environment, "managed-by": "pulumi", project: input.project },
      deployerObjectIds,
    },
    github,
    cluster,
    flux: {
      version: raw.flux?.version ?? commonDefaults.flux.version,
      namespace: raw.flux?.namespace ?? commonDefaults.flux.namespace,
      components,
      componentsExtra,
      watchAllNamespaces: raw.flux?.watchAllNamespaces ?? commonDefaults.flux.watchAllNamespaces,
      networkPolicy: raw.flux?.networkPolicy ?? commonDefaults.flux.networkPolicy,
      clusterDomain: raw.flux?.clusterDomain ?? commonDefaults.flux.clusterDomain,
      logLevel: raw.flux?.logLevel ?? commonDefaults.flux.logLevel,
      registry: raw.flux?.registry ?? commonDefaults.flux.registry,
      imagePullSecret: raw.flux?.imagePullSecret ?? commonDefaults.flux.imagePullSecret,
      tolerationKeys: raw.flux?.tolerationKeys ?? commonDefaults.flux.tolerationKeys,
      pruneCrdsOnRemoval: raw.flux?.pruneCrdsOnRemoval ?? false,
      interval: goDuration(raw.flux?.interval ?? commonDefaults.flux.interval),
      sshKeyAlgorithm: raw.flux?.sshKeyAlgorithm ?? commonDefaults.flux.sshKeyAlgorithm,
      deployKeyRotation: raw.flux?.deployKeyRotation ?? 0,
      ref: (raw.flux?.ref as GitRef | undefined) ?? { branch: github.branch },
      manifests: raw.flux?.manifests,
      manifestsSha256: raw.flux?.manifestsSha256,
      imageAutomation: componentsExtra.includes("image-automation-controller"),
      receiver,
      ...fluxFeatures,
    },
    apps: {
      ref: (raw.apps?.ref as GitRef | undefined) ?? { branch: github.branch },
      interval: goDuration(raw.apps?.interval ?? defaults.appsInterval),
      path: appsPath,
      namespaces: appsNamespaces,
    },
    layers,
    sops: {
      decrypterObjectIds: raw.sops?.decrypterObjectIds ?? [],
      purgeProtection: raw.sops?.purgeProtection ?? defaults.purgeProtection,
      softDeleteRetentionDays: raw.sops?.softDeleteRetentionDays ?? defaults.softDeleteRetentionDays,
      keyVaultName: raw.sops?.keyVaultName,
      ageKeyGenerations: ageKeys,
      explicitAgeKeyGenerations: (raw.sops?.ageKeyGenerations?.length ?? 0) > 0,
      recoverSoftDeletedVault: raw.sops?.recoverSoftDeletedVault ?? false,
      keyVault: raw.sops?.keyVault ?? true,
    },
    notifications,
    cacheDir: input.cacheDir,
    credentials: { githubToken: input.githubToken ? new SecretValue(input.githubToken) : undefined },
  };
  return deepFreeze(stackConfig);
}

function resolveGithub(raw: RawConfig, problems: string[]): StackConfig["github"] {
  const infraRepository = raw.github?.infraRepository ?? "";
  const appsRepository = raw.github?.appsRepository ?? infraRepository;
  const hostname = raw.github?.hostname ?? commonDefaults.hostname;
  const sshHostname = raw.github?.sshHostname ?? hostname;
  const onGithubDotCom = sshHostname === "github.com";
  const [sshHost, sshPort] = sshHostname.split(":");
  const scanTarget = sshPort === undefined ? sshHost : `-p ${sshPort} ${sshHost}`;
  if (!onGithubDotCom && raw.github?.knownHosts === undefined) {
    const what = sshHostname === hostname ? `GitHub Enterprise Server host ${hostname}` : `SSH host ${sshHostname}`;
    problems.push(
      problem(
        ["github", "knownHosts"],
        undefined,
        `is required for ${what}: ask your GitHub administrator for the host's SSH keys or run \`ssh-keyscan ${scanTarget}\` and verify the fingerprints out of band, then \`pulumi config set --path github.knownHosts "<lines>"\``,
      ),
    );
  }
  const knownHosts = raw.github?.knownHosts ?? (onGithubDotCom ? githubDotComKnownHosts() : "");
  if (raw.github?.knownHosts !== undefined) {
    const entry = sshPort === undefined || sshPort === "22" ? sshHost : `[${sshHost}]:${sshPort}`;
    const reason = knownHostsProblem(raw.github.knownHosts, sshHost, sshPort);
    if (reason)
      problems.push(
        problem(
          ["github", "knownHosts"],
          raw.github.knownHosts,
          `must be known_hosts lines ("<host> <key-type> <base64-key>") for ${entry}: ${reason}; use \`ssh-keyscan ${scanTarget}\` output verified out of band`,
        ),
      );
  }
  return {
    owner: raw.github?.owner ?? "",
    infraRepository,
    appsRepository,
    monorepo: appsRepository === infraRepository,
    branch: raw.github?.branch ?? commonDefaults.branch,
    hostname,
    sshHostname,
    knownHosts: knownHosts.endsWith("\n") || knownHosts === "" ? knownHosts : `${knownHosts}\n`,
    createRepositories: raw.github?.createRepositories ?? false,
    commitAuthor: {
      name: raw.github?.commitAuthor?.name ?? commonDefaults.commitAuthor.name,
      email: raw.github?.commitAuthor?.email ?? commonDefaults.commitAuthor.email,
    },
  };
}

function knownHostsProblem(text: string, hostname: string, port?: string): string | undefined {
  const { lines, problems } = parseKnownHosts(text);
  if (problems.length > 0) return problems.join("; ");
  const trusted = lines.filter((l) => l.marker !== "@revoked");
  if (trusted.length === 0) return "there is no host key line";
  const entry = port === undefined || port === "22" ? hostname : `[${hostname}]:${port}`;
  if (!trusted.some((l) => hostsMatch(l.hosts, hostname, port))) return `no line names ${entry}`;
  return undefined;
}

function resolveCluster(raw: RawConfig, environment: string, profile: StackConfig["profile"], problems: string[]): ClusterConfig {
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

function goDuration(text: string): string {
  return canonicalGoDuration(text) as string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !(value instanceof SecretValue) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
