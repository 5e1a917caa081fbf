import type { ReleaseManifests } from "./manifestSet";

/**
 * Flux's release manifests do not name the Flux release, but their controller images
 * do: since Flux v2.0, source-controller and kustomize-controller v1.N ship in Flux
 * v2.N (v2.9.0: source-controller v1.9.1, kustomize-controller v1.9.1; see the
 * `images:` of fluxcd/flux2's manifests/bases/*). Local manifests (`flux.manifests`,
 * `--flux-manifests`) whose controllers belong to another minor release than
 * `flux.version` would be installed and labelled as the wrong release.
 * Tags that are not plain vX.Y.Z (test fixtures, custom builds) cannot be matched and pass.
 */
const versionedControllers = ["source-controller", "kustomize-controller"];

/** The mismatch between `version` and the controllers in `manifests`, or undefined. */
export function manifestsVersionProblem(manifests: ReleaseManifests, version: string): string | undefined {
  const flux = /^v(\d+)\.(\d+)\.\d+$/.exec(version);
  if (!flux) return undefined;
  for (const controller of versionedControllers) {
    const text = manifests.files[`${controller}.yaml`];
    if (typeof text !== "string") continue;
    // The tag may be pinned to a digest too: `source-controller:v1.9.1@sha256:...`.
    const tag = new RegExp(`image:\\s*["']?[^\\s"']*/${controller}:(v\\d+\\.\\d+\\.\\d+)(@sha256:[0-9a-f]{64})?["']?\\s*$`, "m").exec(
      text,
    )?.[1];
    const minor = tag === undefined ? undefined : /^v1\.(\d+)\.\d+$/.exec(tag)?.[1];
    // Controllers v1.N ship only with Flux v2.N: any other major of flux.version is a mismatch too.
    if (minor === undefined || (flux[1] === "2" && minor === flux[2])) continue;
    return `hold ${controller} ${tag}, which ships with Flux v2.${minor}, not ${version}`;
  }
  return undefined;
}
