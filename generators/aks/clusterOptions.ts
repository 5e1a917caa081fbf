/**
 * The input of the AKS generators (managed cluster, node pools, maintenance
 * windows, kubeconfig): one environment's cluster settings with every default
 * already applied. The generators own this type; config builds it (and adds what
 * only config knows, such as the bring-your-own mode) and the AksCluster component
 * takes it as its `cluster` argument.
 */
export type KubeloginMode = "azurecli" | "workloadidentity" | "spn";
export type UpgradeChannel = "none" | "patch" | "node-image";
export type NodeOsUpgradeChannel = "None" | "Unmanaged" | "NodeImage" | "SecurityPatch";
export type SkuTier = "Free" | "Standard" | "Premium";
export type DayOfWeek = "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";

export interface NodePoolOptions {
  readonly vmSize: string;
  readonly count: number;
}

export interface UserPoolOptions {
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
}

export interface MaintenanceWindow {
  readonly dayOfWeek: DayOfWeek;
  /** "HH:MM" in `utcOffset`. */
  readonly startTime: string;
  readonly durationHours: number;
  /** "+HH:MM" or "-HH:MM". */
  readonly utcOffset: string;
}

export interface ClusterNetwork {
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
}

export interface AksClusterOptions {
  readonly name: string;
  /** `1.NN` or `1.NN.P`; undefined lets AKS pick the region's default version (generators/aks/kubernetesVersions.ts). */
  readonly kubernetesVersion?: string;
  readonly skuTier: SkuTier;
  /** `KubernetesOfficial` (community support) or `AKSLongTermSupport` (Premium tier only). */
  readonly supportPlan: "KubernetesOfficial" | "AKSLongTermSupport";
  readonly systemPool: NodePoolOptions;
  /** Absent when the environment runs everything on the system pool. */
  readonly userPool?: UserPoolOptions;
  /** Availability zones ("1".."3"); empty for regional placement. */
  readonly zones: readonly string[];
  readonly adminGroupObjectIds: readonly string[];
  readonly authorizedIpRanges: readonly string[];
  readonly privateCluster: boolean;
  readonly allowLocalAccounts: boolean;
  readonly network: ClusterNetwork;
  readonly upgradeChannel: UpgradeChannel;
  readonly nodeOsUpgradeChannel: NodeOsUpgradeChannel;
  readonly maintenanceWindow: MaintenanceWindow;
  readonly monitoring: boolean;
  readonly azurePolicy: boolean;
  readonly kubeloginMode: KubeloginMode;
}
