import type { AksClusterOptions, NodePoolOptions, UserPoolOptions } from "./clusterOptions";
import { osDiskFor } from "./ephemeralOsDisk";

/**
 * The ManagedCluster and AgentPool inputs for one environment, from its validated
 * AksClusterOptions. Pure: ids that only exist once Azure created something (the
 * control plane identity, the tenant, the Log Analytics workspace) come in as
 * `Ref`, which is a plain string in tests and a `pulumi.Input<string>` in the
 * component; the function never looks at them.
 *
 * Choices follow the AKS baseline and the AVM managed-cluster WAF-aligned example:
 * Entra ID with Azure RBAC, local accounts off, OIDC issuer + workload identity,
 * Azure CNI overlay with the Cilium dataplane and network policy, AzureLinux
 * nodes with ephemeral OS disks where they fit, a system pool reserved for
 * critical add-ons when a user pool exists, and Container insights with
 * managed-identity auth. Property names are those of azure-native v3
 * (API 2025-09-01) `containerservice.ManagedCluster` / `AgentPool`.
 */
export interface ClusterRefs<Ref> {
  readonly resourceGroupName: Ref;
  /** Resource id of the control plane's user-assigned identity. */
  readonly controlPlaneIdentityId: Ref;
  /** Entra ID tenant of the cluster's users. */
  readonly tenantId: Ref;
  /** Log Analytics workspace resource id; required when `cluster.monitoring`. */
  readonly logAnalyticsWorkspaceId?: Ref;
}

export const systemPoolName = "system";
export const userPoolName = "user";
/** Keeps application pods off the system pool once a user pool exists (AKS "system node pools"). */
export const criticalAddonsOnlyTaint = "CriticalAddonsOnly=true:NoSchedule";
/** Surge during node image and Kubernetes upgrades, as the AKS baseline sets it. */
export const upgradeMaxSurge = "33%";

export interface AgentPoolSpec {
  readonly name: string;
  readonly mode: "System" | "User";
  readonly vmSize: string;
  readonly osType: "Linux";
  readonly osSKU: "AzureLinux";
  readonly osDiskType: "Ephemeral" | "Managed";
  readonly osDiskSizeGB?: number;
  readonly type: "VirtualMachineScaleSets";
  readonly availabilityZones?: string[];
  readonly count: number;
  readonly enableAutoScaling: boolean;
  readonly minCount?: number;
  readonly maxCount?: number;
  readonly nodeTaints?: string[];
  /** Absent when the stack leaves the version to AKS (the control plane's version is used). */
  readonly orchestratorVersion?: string;
  readonly upgradeSettings: { readonly maxSurge: string };
  readonly tags: Record<string, string>;
}

export interface ManagedClusterSpec<Ref> {
  readonly resourceName: string;
  readonly resourceGroupName: Ref;
  readonly location: string;
  readonly tags: Record<string, string>;
  readonly dnsPrefix: string;
  /** Absent: AKS creates the cluster with the region's default version. */
  readonly kubernetesVersion?: string;
  readonly supportPlan: AksClusterOptions["supportPlan"];
  readonly sku: { readonly name: "Base"; readonly tier: AksClusterOptions["skuTier"] };
  readonly identity: { readonly type: "UserAssigned"; readonly userAssignedIdentities: Ref[] };
  readonly enableRBAC: true;
  readonly aadProfile: {
    readonly managed: true;
    readonly enableAzureRBAC: true;
    readonly adminGroupObjectIDs: string[];
    readonly tenantID: Ref;
  };
  readonly disableLocalAccounts: boolean;
  readonly oidcIssuerProfile: { readonly enabled: true };
  readonly securityProfile: { readonly workloadIdentity: { readonly enabled: true } };
  readonly networkProfile: {
    readonly networkPlugin: "azure";
    readonly networkPluginMode: "overlay";
    readonly networkDataplane: "cilium";
    readonly networkPolicy: "cilium";
    readonly podCidr: string;
    readonly serviceCidr: string;
    readonly dnsServiceIP: string;
    readonly loadBalancerSku: "standard";
    readonly outboundType: "loadBalancer";
  };
  readonly apiServerAccessProfile: {
    readonly enablePrivateCluster: boolean;
    readonly authorizedIPRanges?: string[];
    readonly privateDNSZone?: "system";
  };
  readonly autoUpgradeProfile: {
    readonly upgradeChannel: AksClusterOptions["upgradeChannel"];
    readonly nodeOSUpgradeChannel: AksClusterOptions["nodeOsUpgradeChannel"];
  };
  readonly agentPoolProfiles: AgentPoolSpec[];
  readonly addonProfiles: Record<string, { readonly enabled: boolean; readonly config?: Record<string, Ref | string> }>;
  readonly ingressProfile?: { readonly webAppRouting: { readonly enabled: boolean } };
}

/** Add-ons other parts of the environment need (the Flux webhook receiver's ingress). Default: none. */
export interface ClusterFeatures {
  /** The application routing add-on (managed NGINX, ingress class webapprouting.kubernetes.azure.com). */
  readonly webAppRouting?: boolean;
  /** The Key Vault secrets provider (CSI driver, rotation on), which app routing uses to sync Key Vault certificates. */
  readonly keyVaultSecretsProvider?: boolean;
}

/** The ManagedCluster args. The user pool is a separate AgentPool (see `userPoolSpec`). */
export function managedClusterSpec<Ref>(
  cluster: AksClusterOptions,
  location: string,
  tags: Readonly<Record<string, string>>,
  refs: ClusterRefs<Ref>,
  features: ClusterFeatures = {},
): ManagedClusterSpec<Ref> {
  if (cluster.monitoring && refs.logAnalyticsWorkspaceId === undefined) {
    throw new Error(`cluster ${cluster.name}: monitoring is on but no Log Analytics workspace id was given`);
  }
  // Both add-ons are always listed, as AVM does, so turning one off later sends
  // `enabled: false` instead of silently leaving it on.
  const addonProfiles: ManagedClusterSpec<Ref>["addonProfiles"] = {
    // Container insights with managed-identity auth: the agent authenticates with the
    // cluster's identity and reads its data collection rule (created next to the cluster).
    omsagent:
      cluster.monitoring && refs.logAnalyticsWorkspaceId !== undefined
        ? { enabled: true, config: { logAnalyticsWorkspaceResourceID: refs.logAnalyticsWorkspaceId, useAADAuth: "true" } }
        : { enabled: false },
    azurepolicy: { enabled: cluster.azurePolicy },
    // Listed only once wanted, so existing clusters see no change; turning it off again is done in Azure.
    ...(features.keyVaultSecretsProvider
      ? { azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: "true" } } }
      : {}),
  };

  return {
    resourceName: cluster.name,
    resourceGroupName: refs.resourceGroupName,
    location,
    tags: { ...tags },
    dnsPrefix: dnsPrefixFor(cluster.name),
    ...(cluster.kubernetesVersion !== undefined ? { kubernetesVersion: cluster.kubernetesVersion } : {}),
    supportPlan: cluster.supportPlan,
    sku: { name: "Base", tier: cluster.skuTier },
    identity: { type: "UserAssigned", userAssignedIdentities: [refs.controlPlaneIdentityId] },
    enableRBAC: true,
    aadProfile: {
      managed: true,
      enableAzureRBAC: true,
      adminGroupObjectIDs: [...cluster.adminGroupObjectIds],
      tenantID: refs.tenantId,
    },
    disableLocalAccounts: !cluster.allowLocalAccounts,
    oidcIssuerProfile: { enabled: true },
    securityProfile: { workloadIdentity: { enabled: true } },
    networkProfile: {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      networkDataplane: "cilium",
      networkPolicy: "cilium",
      podCidr: cluster.network.podCidr,
      serviceCidr: cluster.network.serviceCidr,
      dnsServiceIP: cluster.network.dnsServiceIp,
      loadBalancerSku: "standard",
      outboundType: "loadBalancer",
    },
    apiServerAccessProfile: {
      enablePrivateCluster: cluster.privateCluster,
      ...(cluster.authorizedIpRanges.length > 0 ? { authorizedIPRanges: [...cluster.authorizedIpRanges] } : {}),
      ...(cluster.privateCluster ? { privateDNSZone: "system" as const } : {}),
    },
    autoUpgradeProfile: { upgradeChannel: cluster.upgradeChannel, nodeOSUpgradeChannel: cluster.nodeOsUpgradeChannel },
    agentPoolProfiles: [systemPoolSpec(cluster, tags)],
    addonProfiles,
    ...(features.webAppRouting ? { ingressProfile: { webAppRouting: { enabled: true } } } : {}),
  };
}

/** The system pool: fixed size, tainted for critical add-ons only when a user pool takes the workloads. */
export function systemPoolSpec(cluster: AksClusterOptions, tags: Readonly<Record<string, string>>): AgentPoolSpec {
  return {
    ...poolBase(systemPoolName, "System", cluster.systemPool, cluster, tags),
    count: cluster.systemPool.count,
    enableAutoScaling: false,
    ...(cluster.userPool !== undefined ? { nodeTaints: [criticalAddonsOnlyTaint] } : {}),
  };
}

/** The autoscaling user pool, or undefined when the environment has none. Starts at `minCount` nodes. */
export function userPoolSpec(cluster: AksClusterOptions, tags: Readonly<Record<string, string>>): AgentPoolSpec | undefined {
  const pool: UserPoolOptions | undefined = cluster.userPool;
  if (pool === undefined) return undefined;
  return {
    ...poolBase(userPoolName, "User", pool, cluster, tags),
    count: pool.minCount,
    enableAutoScaling: true,
    minCount: pool.minCount,
    maxCount: pool.maxCount,
  };
}

function poolBase(
  name: string,
  mode: "System" | "User",
  pool: Pick<NodePoolOptions, "vmSize">,
  cluster: AksClusterOptions,
  tags: Readonly<Record<string, string>>,
): Omit<AgentPoolSpec, "count" | "enableAutoScaling"> {
  const disk = osDiskFor(pool.vmSize);
  return {
    name,
    mode,
    vmSize: pool.vmSize,
    osType: "Linux",
    osSKU: "AzureLinux",
    osDiskType: disk.osDiskType,
    ...(disk.osDiskSizeGB !== undefined ? { osDiskSizeGB: disk.osDiskSizeGB } : {}),
    type: "VirtualMachineScaleSets",
    ...(cluster.zones.length > 0 ? { availabilityZones: [...cluster.zones] } : {}),
    ...(cluster.kubernetesVersion !== undefined ? { orchestratorVersion: cluster.kubernetesVersion } : {}),
    upgradeSettings: { maxSurge: upgradeMaxSurge },
    tags: { ...tags },
  };
}

/**
 * AKS dnsPrefix rules: 1-54 characters, letters, digits and hyphens, starting and
 * ending with a letter or digit. Derived from the cluster name so it is stable.
 */
export function dnsPrefixFor(clusterName: string): string {
  const cleaned = clusterName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 54)
    .replace(/^-+|-+$/g, "");
  if (cleaned === "" || !/^[a-z0-9]/.test(cleaned)) {
    throw new Error(
      `cannot derive an AKS dnsPrefix from cluster name ${JSON.stringify(clusterName)}: it needs at least one letter or digit`,
    );
  }
  return cleaned;
}
