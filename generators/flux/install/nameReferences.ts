import { isJsonObject, type JsonObject, type MutableKubeObject, type OverlayResource } from "./resourceModel";

const RBAC_GROUP = "rbac.authorization.k8s.io";

/**
 * kustomize's back-reference fix after renames (nameSuffix on the rbac objects):
 * (Cluster)RoleBinding roleRefs and ServiceAccount subjects, and Deployments'
 * serviceAccountName, follow the objects they named to their new names.
 */
export function fixNameReferences(resources: readonly OverlayResource[]): void {
  const renamed = resources.filter((r) => r.object.metadata.name !== r.originalName);
  if (renamed.length === 0) return;
  const find = (kind: string, originalName: unknown, namespace?: string): MutableKubeObject | undefined =>
    renamed.find(
      (r) =>
        r.object.kind === kind && r.originalName === originalName && (namespace === undefined || r.object.metadata.namespace === namespace),
    )?.object;

  for (const { object } of resources) {
    const namespace = object.metadata.namespace;
    if (object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding") {
      const roleRef = object.roleRef;
      if (isJsonObject(roleRef) && roleRef.apiGroup === RBAC_GROUP && (roleRef.kind === "ClusterRole" || roleRef.kind === "Role")) {
        const role = find(roleRef.kind, roleRef.name, roleRef.kind === "Role" ? namespace : undefined);
        if (role !== undefined) roleRef.name = role.metadata.name;
      }
      for (const subject of Array.isArray(object.subjects) ? object.subjects : []) {
        if (!isJsonObject(subject) || subject.kind !== "ServiceAccount") continue;
        const account = find("ServiceAccount", subject.name, typeof subject.namespace === "string" ? subject.namespace : namespace);
        if (account !== undefined) subject.name = account.metadata.name;
      }
    }
    if (object.kind === "Deployment") {
      const podSpec = podSpecOf(object);
      const account = podSpec === undefined ? undefined : find("ServiceAccount", podSpec.serviceAccountName, namespace);
      if (podSpec !== undefined && account !== undefined) podSpec.serviceAccountName = account.metadata.name;
    }
  }
}

function podSpecOf(object: MutableKubeObject): JsonObject | undefined {
  const template = isJsonObject(object.spec) ? object.spec.template : undefined;
  return isJsonObject(template) && isJsonObject(template.spec) ? template.spec : undefined;
}
