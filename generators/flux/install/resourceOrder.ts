import { gvkOf, type Gvk, type OverlayResource } from "./resourceModel";

const ORDER_FIRST = [
  "Namespace",
  "ResourceQuota",
  "StorageClass",
  "CustomResourceDefinition",
  "ServiceAccount",
  "PodSecurityPolicy",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ConfigMap",
  "Secret",
  "Endpoints",
  "Service",
  "LimitRange",
  "PriorityClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
const KIND_RANK = new Map<string, number>([
  ...ORDER_FIRST.map((kind, i): [string, number] => [kind, i - ORDER_FIRST.length]),
  ...ORDER_LAST.map((kind, i): [string, number] => [kind, i + 1]),
]);

const gvkSortKey = (g: Gvk): string => `${g.group || "~G"}_${g.version || "~V"}_${g.kind || "~K"}`;
const gvkIdString = (g: Gvk): string => `${g.kind || "[noKind]"}.${g.version || "[noVer]"}.${g.group || "[noGrp]"}`;
const sameGvk = (a: Gvk, b: Gvk): boolean => a.group === b.group && a.version === b.version && a.kind === b.kind;
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** kustomize's legacy sort (SortOrderTransformer, order: legacy): by kind rank, then GVK, then namespace and name. */
export function sortLegacy(resources: readonly OverlayResource[]): OverlayResource[] {
  const keyed = resources.map((resource) => {
    const gvk = gvkOf(resource.object);
    const { name, namespace } = resource.object.metadata;
    return { resource, gvk, gvkKey: gvkSortKey(gvk), idKey: `${gvkIdString(gvk)}|${namespace || "~X"}|${name || "~N"}` };
  });
  keyed.sort((a, b) => {
    if (!sameGvk(a.gvk, b.gvk)) {
      const rankA = KIND_RANK.get(a.gvk.kind) ?? 0;
      const rankB = KIND_RANK.get(b.gvk.kind) ?? 0;
      if (rankA !== rankB) return rankA - rankB;
      // kustomize's quirk: between Namespace kinds, one without a group sorts after the other
      const bothCoreNamespaces = a.gvk.kind === "Namespace" && b.gvk.kind === "Namespace" && (a.gvk.group === "" || b.gvk.group === "");
      return bothCoreNamespaces ? compareText(b.gvkKey, a.gvkKey) : compareText(a.gvkKey, b.gvkKey);
    }
    return compareText(a.idKey, b.idKey);
  });
  return keyed.map((k) => k.resource);
}
