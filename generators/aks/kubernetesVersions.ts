/**
 * Which Kubernetes versions a stack may ask AKS for. Pure rules, no clock: the data
 * below is the AKS release calendar as this program was released, and it only ever
 * refuses what AKS itself refuses.
 *
 * Sources: the AKS "Supported Kubernetes versions" page and release calendar
 * (Azure/AKS, learn.microsoft.com/azure/aks/supported-kubernetes-versions): every GA
 * minor has 12 months of community support; 1.33 reached its end of life in July
 * 2026, so on 2026-12-02 community support covers 1.34 and newer. Older minors are
 * only available with long-term support, which needs the Premium tier and the
 * `AKSLongTermSupport` support plan (learn.microsoft.com/azure/aks/long-term-support).
 *
 * The program cannot list the versions a region offers during preview:
 * azure-native 3.28 has no invoke for `ManagedClusters_ListKubernetesVersions`
 * (pulumi/pulumi-azure-native#3513: "we don't currently include listing
 * functions"). So by default no version is pinned and AKS creates the cluster with
 * the region's default version, which is always a supported one; a pinned minor is
 * checked here against this floor, and `az aks get-versions --location <region>`
 * (docs/aks.md, "Upgrades") shows what the region offers before you pin one.
 */
export const oldestCommunitySupportedMinor = 34;
export const communitySupportNote = "1.33 reached its AKS end of life in July 2026";

export type SupportPlan = "KubernetesOfficial" | "AKSLongTermSupport";
export type UpgradeChannel = "none" | "patch" | "node-image";

export interface KubernetesVersionChoice {
  /** `1.NN`, `1.NN.P`, or undefined for the region's default. */
  readonly kubernetesVersion?: string;
  readonly upgradeChannel: UpgradeChannel;
  readonly skuTier: "Free" | "Standard" | "Premium";
  readonly supportPlan: SupportPlan;
}

/** A problem with one key: which key, and the sentence after its value. */
export interface VersionProblem {
  readonly key: "kubernetesVersion" | "supportPlan";
  readonly message: string;
}

/** Everything wrong with a version choice; empty when AKS will accept it. */
export function kubernetesVersionProblems(choice: KubernetesVersionChoice): VersionProblem[] {
  const problems: VersionProblem[] = [];
  if (choice.supportPlan === "AKSLongTermSupport" && choice.skuTier !== "Premium") {
    problems.push({
      key: "supportPlan",
      message: `needs cluster.skuTier Premium (it is ${choice.skuTier}): AKS offers long-term support only on the Premium tier`,
    });
  }
  const version = choice.kubernetesVersion;
  if (version === undefined) return problems;
  const minor = Number(version.split(".")[1]);
  if (minor < oldestCommunitySupportedMinor && choice.supportPlan !== "AKSLongTermSupport") {
    problems.push({
      key: "kubernetesVersion",
      message: `is out of AKS community support (${communitySupportNote}; supported: 1.${oldestCommunitySupportedMinor} and newer): remove cluster.kubernetesVersion to get the region's default, or pin 1.${oldestCommunitySupportedMinor} or newer (\`az aks get-versions --location <region>\` lists them); older minors need cluster.skuTier Premium and cluster.supportPlan AKSLongTermSupport`,
    });
  }
  if (isPatchVersion(version) && choice.upgradeChannel !== "none") {
    problems.push({
      key: "kubernetesVersion",
      message: `pins a patch version, but cluster.upgradeChannel "${choice.upgradeChannel}" lets AKS move the cluster: use 1.${minor} (patches follow the channel), or set cluster.upgradeChannel to none`,
    });
  }
  return problems;
}

export function isPatchVersion(version: string): boolean {
  return /^1\.\d+\.\d+$/.test(version);
}

/**
 * Version fields Pulumi must not diff after creation. AKS moves them itself: with
 * channel `patch` a cluster created with `1.NN` reports `1.NN.x` after its first
 * automatic patch, and with no pinned version AKS picks the region default. A
 * version change of the stack goes through `az aks upgrade` instead (the
 * KubernetesUpgrade command in components/aks), which upgrades the control plane
 * and every pool in the order AKS requires; this mirrors Azure/terraform-azurerm-aks,
 * which ignores `kubernetes_version` on the cluster and applies version changes with
 * a separate update resource.
 */
export const clusterVersionFields = ["kubernetesVersion"] as const;
export const poolVersionFields = ["orchestratorVersion"] as const;
