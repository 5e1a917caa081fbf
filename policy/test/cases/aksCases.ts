import { stacks } from "../support/resourceArgs";
import { AGENT_POOL, CLUSTER, production, type Case } from "../support/policyPreview";

/** Unsafe changes to the AKS cluster and its pools, each with the message the policy must give. */
export const aksCases: Case[] = [
  // AKS: Entra ID with Azure RBAC
  {
    title: "rejects a cluster without Entra ID integration",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "aadProfile", value: undefined }],
    policy: "aks-entra-id-azure-rbac",
    message: (_s, n) =>
      `${CLUSTER} ${n}: aadProfile is unset; set aadProfile to { managed: true, enableAzureRBAC: true } (the AksCluster component does) so sign-in goes through Entra ID and cluster.adminGroupObjectIds get access through Azure RBAC`,
  },
  {
    title: "rejects legacy (unmanaged) Entra ID integration",
    stacks: ["prod"],
    type: CLUSTER,
    mutations: [{ path: "aadProfile.managed", value: false }],
    policy: "aks-entra-id-azure-rbac",
    message: (_s, n) =>
      `${CLUSTER} ${n}: aadProfile.managed is false; set aadProfile.managed to true (managed Entra ID integration, as the AksCluster component sets it)`,
  },
  {
    title: "rejects Entra ID without Azure RBAC",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "aadProfile.enableAzureRBAC", value: false }],
    policy: "aks-entra-id-azure-rbac",
    message: (_s, n) =>
      `${CLUSTER} ${n}: aadProfile.enableAzureRBAC is false; set aadProfile.enableAzureRBAC to true so Kubernetes authorization goes through Azure role assignments instead of in-cluster RoleBindings nobody reviews`,
  },
  // AKS: local accounts (advisory in dev)
  {
    title: "rejects local accounts in a production-profile environment",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "disableLocalAccounts", value: false }],
    policy: "aks-local-accounts-disabled",
    message: (_s, n) =>
      `${CLUSTER} ${n}: disableLocalAccounts is false; remove aks-flux-gitops:cluster.allowLocalAccounts (local accounts are only allowed in a development environment) so every kubeconfig comes from Entra ID through kubelogin`,
  },
  {
    title: "warns about local accounts in dev (advisory)",
    stacks: ["dev"],
    type: CLUSTER,
    mutations: [{ path: "disableLocalAccounts", value: false }],
    policy: "aks-local-accounts-disabled-development",
    enforcementLevel: "advisory",
    message: (_s, n) =>
      `${CLUSTER} ${n}: disableLocalAccounts is false; set aks-flux-gitops:cluster.allowLocalAccounts to false (the default) unless this development environment really needs the static admin kubeconfig; it bypasses Entra ID and cannot be revoked per user`,
  },
  {
    title: "rejects local accounts left unset (Azure enables them) in prod",
    stacks: ["prod"],
    type: CLUSTER,
    mutations: [{ path: "disableLocalAccounts", value: undefined }],
    policy: "aks-local-accounts-disabled",
    message: (_s, n) =>
      `${CLUSTER} ${n}: disableLocalAccounts is unset; remove aks-flux-gitops:cluster.allowLocalAccounts (local accounts are only allowed in a development environment) so every kubeconfig comes from Entra ID through kubelogin`,
  },
  // AKS: OIDC issuer and workload identity
  {
    title: "rejects a cluster without the OIDC issuer",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "oidcIssuerProfile.enabled", value: false }],
    policy: "aks-workload-identity",
    message: (_s, n) =>
      `${CLUSTER} ${n}: oidcIssuerProfile.enabled is false; set oidcIssuerProfile.enabled to true (the AksCluster component does): workload identity federation needs the cluster's OIDC issuer`,
  },
  {
    title: "rejects a cluster without workload identity",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "securityProfile", value: undefined }],
    policy: "aks-workload-identity",
    message: (_s, n) =>
      `${CLUSTER} ${n}: securityProfile.workloadIdentity.enabled is unset; set securityProfile.workloadIdentity.enabled to true so workloads get Entra ID tokens through federated credentials instead of stored secrets`,
  },
  // AKS: network policy engine
  {
    title: "rejects a cluster without a network policy engine",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "networkProfile.networkPolicy", value: "none" }],
    policy: "aks-network-policy-engine",
    message: (_s, n) =>
      `${CLUSTER} ${n}: networkProfile.networkPolicy is "none"; set networkProfile.networkPolicy to "cilium" (with networkDataplane "cilium", as the AksCluster component does; azure, calico, cilium are engines): without one every NetworkPolicy is silently ignored`,
  },
  {
    title: "rejects a cluster whose network policy engine is unset",
    stacks: ["dev"],
    type: CLUSTER,
    mutations: [{ path: "networkProfile.networkPolicy", value: undefined }],
    policy: "aks-network-policy-engine",
    message: (_s, n) =>
      `${CLUSTER} ${n}: networkProfile.networkPolicy is unset; set networkProfile.networkPolicy to "cilium" (with networkDataplane "cilium", as the AksCluster component does; azure, calico, cilium are engines): without one every NetworkPolicy is silently ignored`,
  },
  // AKS: production-profile rules
  {
    title: "rejects the Free tier in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "sku.tier", value: "Free" }],
    policy: "aks-standard-tier",
    message: (_s, n) =>
      `${CLUSTER} ${n}: sku.tier is "Free"; set aks-flux-gitops:cluster.skuTier to Standard (the production default): the Free tier has no API server uptime SLA and fewer API server resources`,
  },
  {
    title: "rejects a system pool without zones in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "agentPoolProfiles.0.availabilityZones", value: [] }],
    policy: "aks-system-pool-zones",
    message: (_s, n) =>
      `${CLUSTER} ${n}: agentPoolProfiles[name=system].availabilityZones is []; set aks-flux-gitops:cluster.zones to ["1", "2", "3"] (the production default) so the system pool, and with it CoreDNS and Flux, survives the loss of a zone`,
  },
  {
    title: "rejects a separately added system node pool without zones in staging and prod",
    stacks: production,
    type: AGENT_POOL,
    mutations: [
      { path: "mode", value: "System" },
      { path: "availabilityZones", value: [] },
    ],
    policy: "aks-system-agent-pool-zones",
    message: (_s, n) =>
      `${AGENT_POOL} ${n}: availabilityZones is []; set aks-flux-gitops:cluster.zones to ["1", "2", "3"] (the production default): a system pool in one zone takes CoreDNS and Flux down with that zone`,
  },
  {
    title: "rejects a cluster without a System-mode pool in prod",
    stacks: ["prod"],
    type: CLUSTER,
    // The cluster's agentPoolProfiles hold only the system pool (the user pool is a separate AgentPool resource).
    mutations: [{ path: "agentPoolProfiles.0.mode", value: "User" }],
    policy: "aks-system-pool-zones",
    message: (_s, n) =>
      `${CLUSTER} ${n}: agentPoolProfiles is [{"name":"system","mode":"User"}]; add a node pool with mode "System" (the AksCluster component's system pool) spread over aks-flux-gitops:cluster.zones`,
  },
  {
    title: "rejects a public API server without authorized ranges in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "apiServerAccessProfile", value: undefined }],
    policy: "aks-api-server-access",
    message: (_s, n) =>
      `${CLUSTER} ${n}: apiServerAccessProfile.authorizedIPRanges is unset; set aks-flux-gitops:cluster.authorizedIpRanges to your corporate and CI egress ranges, or aks-flux-gitops:cluster.privateCluster to true: the API server is otherwise reachable from the whole internet`,
  },
  {
    title: "rejects authorized ranges that admit the whole internet",
    stacks: ["prod"],
    type: CLUSTER,
    mutations: [{ path: "apiServerAccessProfile.authorizedIPRanges", value: ["203.0.113.0/24", "0.0.0.0/0"] }],
    policy: "aks-api-server-access",
    message: (_s, n) =>
      `${CLUSTER} ${n}: apiServerAccessProfile.authorizedIPRanges is ["203.0.113.0/24","0.0.0.0/0"]; remove 0.0.0.0/0 from aks-flux-gitops:cluster.authorizedIpRanges: a range broader than /8 lets (nearly) every address reach the API server; list your egress ranges`,
  },
  {
    title: "rejects the auto-upgrade channel none in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "autoUpgradeProfile.upgradeChannel", value: "none" }],
    policy: "aks-auto-upgrade-channel",
    message: (_s, n) =>
      `${CLUSTER} ${n}: autoUpgradeProfile.upgradeChannel is "none"; set aks-flux-gitops:cluster.upgradeChannel to patch (the default) or node-image so the cluster receives security patches in its maintenance window`,
  },
];
