import type { KubeObject } from "../../kube/object";

/** A JSON object the overlay edits in place (each generation parses its own copy). */
export type JsonObject = Record<string, unknown>;

/** A Kubernetes object as the overlay handles it: mutable, with the fields kustomize needs. */
export type MutableKubeObject = JsonObject & {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string; namespace?: string };
};

/** An object in the build, with the name it was read with: name references point at that name. */
export interface OverlayResource {
  readonly object: MutableKubeObject;
  readonly originalName: string;
}

export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function gvkOf(obj: Pick<KubeObject, "apiVersion" | "kind">): Gvk {
  const slash = obj.apiVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: obj.apiVersion, kind: obj.kind }
    : { group: obj.apiVersion.slice(0, slash), version: obj.apiVersion.slice(slash + 1), kind: obj.kind };
}

/** Types kustomize (kyaml's built-in table) knows to be cluster-scoped; any other type counts as namespaced. */
const CLUSTER_SCOPED = new Set(
  [
    "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration ValidatingWebhookConfiguration",
    "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration ValidatingWebhookConfiguration",
    "apiextensions.k8s.io/v1 CustomResourceDefinition",
    "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
    "apiregistration.k8s.io/v1 APIService",
    "apiregistration.k8s.io/v1beta1 APIService",
    "certificates.k8s.io/v1 CertificateSigningRequest",
    "certificates.k8s.io/v1beta1 CertificateSigningRequest",
    "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema PriorityLevelConfiguration",
    "networking.k8s.io/v1 IngressClass",
    "networking.k8s.io/v1beta1 IngressClass",
    "node.k8s.io/v1 RuntimeClass",
    "node.k8s.io/v1beta1 RuntimeClass",
    "policy/v1beta1 PodSecurityPolicy",
    "rbac.authorization.k8s.io/v1 ClusterRole ClusterRoleBinding",
    "rbac.authorization.k8s.io/v1beta1 ClusterRole ClusterRoleBinding",
    "scheduling.k8s.io/v1 PriorityClass",
    "scheduling.k8s.io/v1beta1 PriorityClass",
    "storage.k8s.io/v1 CSIDriver CSINode StorageClass VolumeAttachment",
    "storage.k8s.io/v1beta1 CSIDriver CSINode StorageClass VolumeAttachment",
    "v1 ComponentStatus Namespace Node NodeProxyOptions PersistentVolume",
  ].flatMap((line) => {
    const [apiVersion, ...kinds] = line.split(" ");
    return kinds.map((kind) => `${apiVersion} ${kind}`);
  }),
);

export function isClusterScoped(obj: Pick<KubeObject, "apiVersion" | "kind">): boolean {
  return CLUSTER_SCOPED.has(`${obj.apiVersion} ${obj.kind}`);
}

/** The object at `parent[key]`, created when absent (kustomize's `create: true` field specs). */
export function childObject(parent: JsonObject, key: string, where: string): JsonObject {
  const existing = parent[key];
  if (existing === undefined || existing === null) {
    const created: JsonObject = {};
    parent[key] = created;
    return created;
  }
  if (!isJsonObject(existing)) throw new Error(`${where}: ${key} is not a mapping`);
  return existing;
}

export function describeObject(obj: Pick<KubeObject, "kind" | "metadata">): string {
  return obj.metadata.namespace ? `${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}` : `${obj.kind} ${obj.metadata.name}`;
}

/** Checks that each parsed document is a Kubernetes object, naming the file when one is not. */
export function asKubeObjects(docs: readonly unknown[], file: string): MutableKubeObject[] {
  return docs.map((doc, i) => {
    const where = `${file} document ${i + 1}`;
    if (!isJsonObject(doc)) throw new Error(`${where} is not a Kubernetes object`);
    const metadata = doc.metadata;
    if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string" || doc.kind === "") {
      throw new Error(`${where} has no apiVersion or kind`);
    }
    if (!isJsonObject(metadata) || typeof metadata.name !== "string" || metadata.name === "") {
      throw new Error(`${where} (${doc.kind}) has no metadata.name`);
    }
    if (metadata.namespace !== undefined && typeof metadata.namespace !== "string") {
      throw new Error(`${where} (${doc.kind} ${metadata.name}) has a non-string metadata.namespace`);
    }
    return doc as MutableKubeObject;
  });
}
