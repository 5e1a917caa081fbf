import { isJsonObject, type OverlayResource } from "./resourceModel";

/** One entry of a kustomization's `images:` list that only renames. */
export interface ImageRename {
  readonly name: string;
  readonly newName: string;
}

/**
 * kustomize's ImageTagTransformer for renames: every `image` in a list under a
 * `containers` or `initContainers` field, anywhere in any object but a CRD, and every
 * image volume's `image.reference` in a pod spec or pod template (kustomize api v0.20+,
 * as the flux CLI embeds), whose name matches keeps its tag and digest and takes the new name.
 */
export function applyImageRenames(resources: readonly OverlayResource[], renames: readonly ImageRename[]): void {
  if (renames.length === 0) return;
  const matchers = renames.map((rename) => ({
    pattern: new RegExp(`^${escapeRegExp(rename.name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`),
    newName: rename.newName,
  }));
  const renameImage = (image: string): string =>
    matchers.reduce((current, { pattern, newName }) => (pattern.test(current) ? withName(current, newName) : current), image);
  for (const { object } of resources) {
    if (object.kind === "CustomResourceDefinition") continue;
    visitContainerLists(object, renameImage);
    const spec = object.spec;
    const template = isJsonObject(spec) ? spec.template : undefined;
    for (const podSpec of [spec, isJsonObject(template) ? template.spec : undefined]) {
      if (isJsonObject(podSpec)) renameVolumeImages(podSpec.volumes, renameImage);
    }
  }
}

function renameVolumeImages(volumes: unknown, renameImage: (image: string) => string): void {
  if (!Array.isArray(volumes)) return;
  for (const volume of volumes) {
    const image = isJsonObject(volume) ? volume.image : undefined;
    if (isJsonObject(image) && typeof image.reference === "string") image.reference = renameImage(image.reference);
  }
}

function visitContainerLists(node: unknown, renameImage: (image: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) visitContainerLists(item, renameImage);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    visitContainerLists(value, renameImage);
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const container of value) {
        if (isJsonObject(container) && typeof container.image === "string") container.image = renameImage(container.image);
      }
    }
  }
}

/** kustomize's image.Split: the tag and digest of `image`, re-attached to `newName`. */
function withName(image: string, newName: string): string {
  const slash = image.indexOf("/");
  const searchFrom = slash > 0 ? slash : 0;
  const at = image.indexOf("@", searchFrom);
  const colon = image.indexOf(":", searchFrom);
  let tag = "";
  let digest = "";
  if (at >= 0) digest = image.slice(at + 1);
  if (colon >= 0 && (at < 0 || colon < at)) tag = image.slice(colon + 1, at < 0 ? undefined : at);
  return newName + (tag === "" ? "" : `:${tag}`) + (digest === "" ? "" : `@${digest}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
