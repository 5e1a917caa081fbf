import { applyNamespace } from "./namespaceTransform";
import type { FluxInstallOptions } from "./options";
import { releaseDocuments } from "./releaseDocuments";
import { componentFile, POLICIES_FILE, RBAC_FILE, releaseFile, type ReleaseManifests } from "./releaseManifests";
import { asKubeObjects, describeObject, gvkOf, type MutableKubeObject, type OverlayResource } from "./resourceModel";

/** The namespace Flux's rbac.yaml is written for; Flux rewrites it in the file for any other namespace. */
const RELEASE_NAMESPACE = "flux-system";
/** Kinds kustomize's nameSuffix leaves alone. */
const UNSUFFIXED_KINDS = new Set(["CustomResourceDefinition", "Namespace"]);

/**
 * The objects of Flux's install overlay in kustomize's input order: namespace.yaml,
 * policies.yaml, the roles/ kustomization (rbac.yaml with Flux's namespace rewrite,
 * namespaced and suffixed `-<namespace>`), then each component's file. Like kustomize,
 * refuses two objects with the same apiVersion, kind, namespace and name.
 */
export function overlayResources(manifests: ReleaseManifests, options: FluxInstallOptions): OverlayResource[] {
  const read = (file: string, text = releaseFile(manifests, file)): OverlayResource[] =>
    asKubeObjects(releaseDocuments(text), file).map((object) => ({ object, originalName: object.metadata.name }));
  const resources: OverlayResource[] = [];
  const fileById = new Map<string, string>();
  const add = (file: string, objects: readonly OverlayResource[]): void => {
    for (const resource of objects) {
      const { apiVersion, kind, metadata } = resource.object;
      const id = `${apiVersion}|${kind}|${metadata.namespace ?? ""}|${metadata.name}`;
      const earlier = fileById.get(id);
      if (earlier !== undefined)
        throw new Error(
          `Flux's release manifests define ${describeObject(resource.object)} (${apiVersion}) twice: in ${earlier} and ${file}`,
        );
      fileById.set(id, file);
      resources.push(resource);
    }
  };

  add("namespace.yaml", [{ object: namespaceObject(options.namespace), originalName: options.namespace }]);
  if (options.networkPolicy) add(POLICIES_FILE, read(POLICIES_FILE));
  add(RBAC_FILE, rolesResources(read, releaseFile(manifests, RBAC_FILE), options.namespace));
  for (const component of options.components) add(componentFile(component), read(componentFile(component)));
  return resources;
}

function namespaceObject(namespace: string): MutableKubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: namespace,
      labels: { "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/warn-version": "latest" },
    },
  };
}

function rolesResources(read: (file: string, text: string) => OverlayResource[], rbac: string, namespace: string): OverlayResource[] {
  const text = namespace === RELEASE_NAMESPACE ? rbac : rbac.split(RELEASE_NAMESPACE).join(namespace);
  const roles = read(RBAC_FILE, text);
  applyNamespace(roles, namespace);
  for (const { object } of roles) {
    const { group, kind } = gvkOf(object);
    if (!UNSUFFIXED_KINDS.has(kind) && !(group === "apiregistration.k8s.io" && kind === "APIService")) {
      object.metadata.name = `${object.metadata.name}-${namespace}`;
    }
  }
  return roles;
}
