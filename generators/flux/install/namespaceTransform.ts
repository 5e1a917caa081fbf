import { childObject, gvkOf, isClusterScoped, isJsonObject, type JsonObject, type OverlayResource } from "./resourceModel";

/**
 * kustomize's NamespaceTransformer with its default field specs: metadata.namespace
 * of namespaced objects, the name of v1 Namespaces, APIService and CRD webhook
 * service namespaces, and (cluster) role binding subjects named `default`.
 */
export function applyNamespace(resources: readonly OverlayResource[], namespace: string): void {
  for (const { object } of resources) {
    if (!isClusterScoped(object)) object.metadata.namespace = namespace;
    if (object.apiVersion === "v1" && object.kind === "Namespace") object.metadata.name = namespace;
    const { group, kind } = gvkOf(object);
    if (group === "apiregistration.k8s.io" && kind === "APIService") {
      const where = `APIService ${object.metadata.name}`;
      childObject(childObject(object, "spec", where), "service", where).namespace = namespace;
    }
    if (group === "apiextensions.k8s.io" && kind === "CustomResourceDefinition") {
      const service = lookup(object, ["spec", "conversion", "webhook", "clientConfig", "service"]);
      if (isJsonObject(service) && service.namespace !== undefined) service.namespace = namespace;
    }
    if ((kind === "RoleBinding" || kind === "ClusterRoleBinding") && Array.isArray(object.subjects)) {
      for (const subject of object.subjects) {
        if (isJsonObject(subject) && subject.name === "default") subject.namespace = namespace;
      }
    }
  }
}

function lookup(root: JsonObject, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (!isJsonObject(node)) return undefined;
    node = node[key];
  }
  return node;
}
