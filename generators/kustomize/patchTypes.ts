/**
 * Kustomize patches as a kustomization.yaml's `patches:` writes them (kustomize's
 * `types.Patch` with an inline `patch`): a JSON 6902 operation list or a strategic
 * merge patch, applied to the objects a `target` selects.
 */

/** kustomize's `types.Selector`: every field an anchored regular expression, labels and annotations as Kubernetes label selectors. */
export interface PatchTarget {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

export interface KustomizePatch {
  /** YAML or JSON text: a list of RFC 6902 operations, or one object (strategic merge). */
  readonly patch: string;
  /** Required for JSON 6902; for a strategic merge patch, default: the object the patch names (apiVersion, kind, name, namespace). */
  readonly target?: PatchTarget;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonMap = { [key: string]: JsonValue };

export interface Json6902Operation {
  readonly op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  readonly path: string;
  readonly from?: string;
  readonly value?: JsonValue;
}

export type ParsedPatch =
  | { readonly type: "json6902"; readonly operations: readonly Json6902Operation[] }
  | { readonly type: "strategicMerge"; readonly body: JsonMap };

/** A patch kustomize would refuse, or one this implementation does not support; `field` is where the problem is. */
export class PatchError extends Error {
  constructor(
    readonly field: "patch" | "target",
    message: string,
  ) {
    super(message);
    this.name = "PatchError";
  }
}

export function isJsonMap(value: unknown): value is JsonMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
