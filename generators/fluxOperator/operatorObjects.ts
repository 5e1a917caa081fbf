import type { KubeObject } from "../kube/object";
import { parseYamlDocuments } from "../yaml/parseYaml";

/**
 * The Flux Operator's release manifests: the `install.yaml` asset of a
 * controlplaneio-fluxcd/flux-operator release (`kubectl kustomize config/default`,
 * .github/workflows/release.yaml): its Namespace (`flux-system`), the CRDs
 * (`FluxInstance`, `FluxReport`, `ResourceSet`, `ResourceSetInputProvider`), RBAC, and the
 * operator's Service and Deployment.
 */
export interface OperatorManifests {
  /** The operator release the file comes from, e.g. `v0.58.1`. */
  readonly version: string;
  /** The text of `install.yaml`. */
  readonly installYaml: string;
}

export interface OperatorInstallOptions {
  /** Where the operator (and so Flux, and the FluxInstance) runs; the release file says `flux-system`. */
  readonly namespace: string;
}

/** The install.yaml is not the operator's (or not complete): what it lacks. */
export class OperatorManifestsError extends Error {}

export const operatorDeploymentName = "flux-operator";
export const fluxInstanceCrdName = "fluxinstances.fluxcd.controlplane.io";
const bindingKinds = new Set(["ClusterRoleBinding", "RoleBinding"]);

/**
 * The objects to apply, Namespace first, then the CRDs, then the rest in the file's order, moved
 * to `options.namespace` (namespaced objects, and service account subjects of bindings) when it is
 * not the file's own. Throws OperatorManifestsError when the file lacks what the program relies on.
 */
export function operatorInstallObjects(manifests: OperatorManifests, options: OperatorInstallOptions): KubeObject[] {
  let documents: unknown[];
  try {
    documents = parseYamlDocuments(manifests.installYaml);
  } catch (error) {
    throw new OperatorManifestsError(`install.yaml of the Flux Operator ${manifests.version} is not YAML: ${(error as Error).message}`);
  }
  const objects = documents.map((doc, i) => asObject(doc, i, manifests.version));
  const namespaces = objects.filter((o) => o.kind === "Namespace");
  if (namespaces.length !== 1) throw incomplete(manifests.version, `exactly one Namespace (it has ${namespaces.length})`);
  if (!objects.some((o) => o.kind === "CustomResourceDefinition" && o.metadata.name === fluxInstanceCrdName))
    throw incomplete(manifests.version, `the ${fluxInstanceCrdName} CRD`);
  if (!objects.some((o) => o.kind === "Deployment" && o.metadata.name === operatorDeploymentName))
    throw incomplete(manifests.version, `the ${operatorDeploymentName} Deployment`);
  const from = namespaces[0].metadata.name;
  const moved = objects.map((o) => moveNamespace(o, from, options.namespace));
  const rank = (o: KubeObject) => (o.kind === "Namespace" ? 0 : o.kind === "CustomResourceDefinition" ? 1 : 2);
  return moved
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/** The operator version the Deployment's image names (`…/flux-operator:v0.58.1`), or undefined. */
export function operatorImageVersion(objects: readonly KubeObject[]): string | undefined {
  const deployment = objects.find((o) => o.kind === "Deployment" && o.metadata.name === operatorDeploymentName) as
    { spec?: { template?: { spec?: { containers?: { image?: unknown }[] } } } } | undefined;
  for (const container of deployment?.spec?.template?.spec?.containers ?? []) {
    const tag = typeof container.image === "string" ? /\/flux-operator:(v[^@\s]+)/.exec(container.image)?.[1] : undefined;
    if (tag !== undefined) return tag;
  }
  return undefined;
}

function asObject(doc: unknown, index: number, version: string): KubeObject {
  const o = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } | null;
  if (
    o === null ||
    typeof o !== "object" ||
    typeof o.apiVersion !== "string" ||
    typeof o.kind !== "string" ||
    typeof o.metadata?.name !== "string"
  ) {
    throw new OperatorManifestsError(
      `install.yaml of the Flux Operator ${version}: document ${index + 1} is not a Kubernetes object (apiVersion, kind, metadata.name)`,
    );
  }
  return o as KubeObject;
}

function incomplete(version: string, what: string): OperatorManifestsError {
  return new OperatorManifestsError(
    `install.yaml of the Flux Operator ${version} lacks ${what}; it is not the operator's release install.yaml`,
  );
}

function moveNamespace(object: KubeObject, from: string, to: string): KubeObject {
  if (from === to) return object;
  const copy = structuredClone(object) as KubeObject & {
    metadata: { name: string; namespace?: string };
    subjects?: { kind?: string; namespace?: string }[];
  };
  if (copy.kind === "Namespace") copy.metadata.name = to;
  else if (copy.metadata.namespace === from) copy.metadata.namespace = to;
  if (bindingKinds.has(copy.kind)) {
    for (const subject of copy.subjects ?? []) if (subject.kind === "ServiceAccount" && subject.namespace === from) subject.namespace = to;
  }
  return copy;
}
