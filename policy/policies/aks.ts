import type { ResourceValidationPolicy } from "@pulumi/policy";
import { regionHasZones } from "../../config/azureRegions";
import type { ContextResolver } from "../environment";
import { azureType, get, resourcePolicy, type Props, type Report } from "./common";

/** AKS clusters: `azure-native:containerservice:ManagedCluster` (and its explicit API versions). */
export const managedCluster = azureType("containerservice", "ManagedCluster");
/** Node pools added to a cluster as their own resources (the program's user pool). */
export const agentPool = azureType("containerservice", "AgentPool");

const networkPolicyEngines = ["azure", "calico", "cilium"];

/** Address ranges shorter than this prefix are treated as "the whole internet". */
const broadestAcceptablePrefix = 8;

export function aksPolicies(contexts: ContextResolver): ResourceValidationPolicy[] {
  return [
    resourcePolicy(
      {
        name: "aks-entra-id-azure-rbac",
        description: "AKS clusters use managed Entra ID integration with Azure RBAC for Kubernetes authorization.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        check: (props, _context, report) => {
          const aad = get(props, "aadProfile");
          if (aad === undefined || aad === null) {
            report(
              "aadProfile",
              aad,
              "set aadProfile to { managed: true, enableAzureRBAC: true } (the AksCluster component does) so sign-in goes through Entra ID and cluster.adminGroupObjectIds get access through Azure RBAC",
            );
            return;
          }
          if (get(aad, "managed") !== true) {
            report(
              "aadProfile.managed",
              get(aad, "managed"),
              "set aadProfile.managed to true (managed Entra ID integration, as the AksCluster component sets it)",
            );
          }
          if (get(aad, "enableAzureRBAC") !== true) {
            report(
              "aadProfile.enableAzureRBAC",
              get(aad, "enableAzureRBAC"),
              "set aadProfile.enableAzureRBAC to true so Kubernetes authorization goes through Azure role assignments instead of in-cluster RoleBindings nobody reviews",
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-local-accounts-disabled",
        description: "AKS clusters of production-profile environments have local accounts disabled (no static admin kubeconfig).",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        profiles: ["production"],
        check: (props, _context, report) =>
          checkLocalAccounts(
            props,
            report,
            "remove aks-flux-gitops:cluster.allowLocalAccounts (local accounts are only allowed in a development environment) so every kubeconfig comes from Entra ID through kubelogin",
          ),
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-local-accounts-disabled-development",
        description: "AKS clusters of development-profile environments should have local accounts disabled (advisory there).",
        enforcementLevel: "advisory",
        appliesTo: managedCluster,
        profiles: ["development"],
        check: (props, _context, report) =>
          checkLocalAccounts(
            props,
            report,
            "set aks-flux-gitops:cluster.allowLocalAccounts to false (the default) unless this development environment really needs the static admin kubeconfig; it bypasses Entra ID and cannot be revoked per user",
          ),
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-workload-identity",
        description: "AKS clusters have the OIDC issuer and workload identity enabled.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        check: (props, _context, report) => {
          const oidc = get(props, "oidcIssuerProfile.enabled");
          if (oidc !== true) {
            report(
              "oidcIssuerProfile.enabled",
              oidc,
              "set oidcIssuerProfile.enabled to true (the AksCluster component does): workload identity federation needs the cluster's OIDC issuer",
            );
          }
          const workloadIdentity = get(props, "securityProfile.workloadIdentity.enabled");
          if (workloadIdentity !== true) {
            report(
              "securityProfile.workloadIdentity.enabled",
              workloadIdentity,
              "set securityProfile.workloadIdentity.enabled to true so workloads get Entra ID tokens through federated credentials instead of stored secrets",
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-network-policy-engine",
        description: "AKS clusters run a network policy engine, so NetworkPolicies (including Flux's) are enforced.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        check: (props, _context, report) => {
          const engine = get(props, "networkProfile.networkPolicy");
          if (typeof engine !== "string" || !networkPolicyEngines.includes(engine)) {
            report(
              "networkProfile.networkPolicy",
              engine,
              `set networkProfile.networkPolicy to "cilium" (with networkDataplane "cilium", as the AksCluster component does; ${networkPolicyEngines.join(", ")} are engines): without one every NetworkPolicy is silently ignored`,
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-standard-tier",
        description: "AKS clusters of production-profile environments use the Standard (or Premium) tier with the uptime SLA.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        profiles: ["production"],
        check: (props, _context, report) => {
          const tier = get(props, "sku.tier");
          if (tier !== "Standard" && tier !== "Premium") {
            report(
              "sku.tier",
              tier,
              "set aks-flux-gitops:cluster.skuTier to Standard (the production default): the Free tier has no API server uptime SLA and fewer API server resources",
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-system-pool-zones",
        description: "The system node pool of production-profile AKS clusters spans availability zones where the region has them.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        profiles: ["production"],
        check: (props, _context, report) => {
          // A region without zones (the program's one region table) cannot have them; config refuses asking.
          const location = get(props, "location");
          if (typeof location === "string" && !regionHasZones(location)) return;
          const pools = get(props, "agentPoolProfiles");
          const list = Array.isArray(pools) ? (pools as Props[]) : [];
          const system = list.filter((pool) => get(pool, "mode") === "System");
          if (system.length === 0) {
            report(
              "agentPoolProfiles",
              list.map((pool) => ({ name: get(pool, "name"), mode: get(pool, "mode") })),
              'add a node pool with mode "System" (the AksCluster component\'s system pool) spread over aks-flux-gitops:cluster.zones',
            );
            return;
          }
          for (const pool of system) {
            const zones = get(pool, "availabilityZones");
            if (!Array.isArray(zones) || zones.length === 0) {
              report(
                `agentPoolProfiles[name=${String(get(pool, "name"))}].availabilityZones`,
                zones,
                'set aks-flux-gitops:cluster.zones to ["1", "2", "3"] (the production default) so the system pool, and with it CoreDNS and Flux, survives the loss of a zone',
              );
            }
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-system-agent-pool-zones",
        description: "A system node pool added to a production-profile AKS cluster as its own resource spans availability zones.",
        enforcementLevel: "mandatory",
        appliesTo: agentPool,
        profiles: ["production"],
        check: (props, _context, report) => {
          if (get(props, "mode") !== "System") return;
          const zones = get(props, "availabilityZones");
          if (!Array.isArray(zones) || zones.length === 0) {
            report(
              "availabilityZones",
              zones,
              'set aks-flux-gitops:cluster.zones to ["1", "2", "3"] (the production default): a system pool in one zone takes CoreDNS and Flux down with that zone',
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-api-server-access",
        description: "The API server of production-profile AKS clusters is restricted to authorized IP ranges or private.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        profiles: ["production"],
        check: (props, _context, report) => {
          if (get(props, "apiServerAccessProfile.enablePrivateCluster") === true) return;
          const ranges = get(props, "apiServerAccessProfile.authorizedIPRanges");
          const list = Array.isArray(ranges) ? (ranges as unknown[]) : [];
          if (list.length === 0) {
            report(
              "apiServerAccessProfile.authorizedIPRanges",
              ranges,
              "set aks-flux-gitops:cluster.authorizedIpRanges to your corporate and CI egress ranges, or aks-flux-gitops:cluster.privateCluster to true: the API server is otherwise reachable from the whole internet",
            );
            return;
          }
          const open = list.filter((range) => typeof range === "string" && prefixLength(range) < broadestAcceptablePrefix);
          if (open.length > 0) {
            report(
              "apiServerAccessProfile.authorizedIPRanges",
              ranges,
              `remove ${open.join(", ")} from aks-flux-gitops:cluster.authorizedIpRanges: a range broader than /${broadestAcceptablePrefix} lets (nearly) every address reach the API server; list your egress ranges`,
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "aks-auto-upgrade-channel",
        description: "Production-profile AKS clusters use an auto-upgrade channel other than none.",
        enforcementLevel: "mandatory",
        appliesTo: managedCluster,
        profiles: ["production"],
        check: (props, _context, report) => {
          const channel = get(props, "autoUpgradeProfile.upgradeChannel");
          if (typeof channel !== "string" || channel === "" || channel.toLowerCase() === "none") {
            report(
              "autoUpgradeProfile.upgradeChannel",
              channel,
              "set aks-flux-gitops:cluster.upgradeChannel to patch (the default) or node-image so the cluster receives security patches in its maintenance window",
            );
          }
        },
      },
      contexts,
    ),
  ];
}

function checkLocalAccounts(props: Props, report: Report, fix: string): void {
  const disabled = get(props, "disableLocalAccounts");
  if (disabled !== true) report("disableLocalAccounts", disabled, fix);
}

/** The prefix length of an IPv4/IPv6 range ("203.0.113.0/24" → 24; a bare address → full length). */
export function prefixLength(range: string): number {
  const [address, prefix] = range.trim().split("/");
  const full = address.includes(":") ? 128 : 32;
  if (prefix === undefined) return full;
  const bits = Number(prefix);
  return Number.isInteger(bits) && bits >= 0 && bits <= full ? bits : full;
}
