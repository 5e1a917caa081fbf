import type { KubeObject } from "../../kube/object";
import { marshalYamlDocuments } from "../../yaml/goYaml";
import { fluxGeneratedWarning } from "../header";
import { applyDeploymentPatches } from "./deploymentPatches";
import { applyImageRenames } from "./imageTransform";
import { applyLabels } from "./labelTransform";
import { fixNameReferences } from "./nameReferences";
import { applyNamespace } from "./namespaceTransform";
import { assertValidFluxInstallOptions, type FluxInstallOptions } from "./options";
import { overlayResources } from "./overlayResources";
import { missingReleaseFiles, type ReleaseManifests } from "./releaseManifests";
import { sortLegacy } from "./resourceOrder";
import type { OverlayResource } from "./resourceModel";

export interface FluxComponents {
  /** `gotk-components.yaml` byte for byte: Flux's header, then kustomize's output. */
  readonly content: string;
  /** The same documents as objects, in output order. */
  readonly objects: readonly KubeObject[];
}

/**
 * What `flux install --export` writes for these options: Flux's install overlay
 * (pkg/manifestgen/install) applied to the release manifests as kustomize applies it.
 * Throws on invalid options, a version mismatch or missing release files.
 */
export function generateFluxComponents(manifests: ReleaseManifests, options: FluxInstallOptions): FluxComponents {
  assertValidFluxInstallOptions(options);
  if (options.version !== manifests.version) {
    throw new Error(
      `Flux install options are for ${options.version} but the release manifests are ${manifests.version}; pass manifests of the same release`,
    );
  }
  const missing = missingReleaseFiles(manifests, options.components, options.networkPolicy);
  if (missing.length > 0) {
    throw new Error(
      `Flux ${manifests.version} release manifests lack ${missing.join(", ")}, needed for components ${options.components.join(",")}`,
    );
  }

  const resources = overlayResources(manifests, options);
  applyTopLevelTransformers(resources, options);
  fixNameReferences(resources);
  const ordered = options.resourceOrder === "legacy" ? sortLegacy(resources) : resources;
  const objects = ordered.map((r) => r.object);
  return { content: `${fluxGenWarning(options)}\n${marshalYamlDocuments(objects)}`, objects };
}

/** The top kustomization's transformers in kustomize's order: patches, namespace, images, then labels.yaml. */
function applyTopLevelTransformers(resources: readonly OverlayResource[], options: FluxInstallOptions): void {
  applyDeploymentPatches(resources, options);
  applyNamespace(resources, options.namespace);
  if (options.registry !== "") {
    applyImageRenames(
      resources,
      options.components.map((component) => ({ name: `fluxcd/${component}`, newName: `${options.registry}/${component}` })),
    );
  }
  applyLabels(resources, {
    "app.kubernetes.io/instance": options.namespace,
    "app.kubernetes.io/version": options.version,
    "app.kubernetes.io/part-of": "flux",
  });
}

/** Flux's GetGenWarning. */
export function fluxGenWarning(options: Pick<FluxInstallOptions, "version" | "components">): string {
  return `---\n${fluxGeneratedWarning}\n# Flux Version: ${options.version}\n# Components: ${options.components.join(",")}`;
}
