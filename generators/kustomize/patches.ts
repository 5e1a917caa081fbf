import type { KubeObject } from "../kube/object";
import { parseYamlDocuments } from "../yaml/parseYaml";
import { applyJson6902 } from "./json6902";
import { compileTarget } from "./patchTarget";
import { applyStrategicMerge } from "./strategicMerge";
import {
  isJsonMap,
  PatchError,
  type Json6902Operation,
  type JsonMap,
  type JsonValue,
  type KustomizePatch,
  type ParsedPatch,
} from "./patchTypes";

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);
const DIRECTIVES = ["$patch", "$setElementOrder", "$retainKeys", "$deleteFromPrimitiveList"];

/**
 * Reads a patch the way kustomize decides its type: a list of operations is
 * JSON 6902 (and needs a target), one object is a strategic merge patch.
 * Throws PatchError for forms kustomize refuses and for the forms this program does not support.
 */
export function parsePatch(patch: KustomizePatch): ParsedPatch {
  if (typeof patch.patch !== "string" || patch.patch.trim() === "")
    throw new PatchError("patch", "patch must be the patch text (YAML or JSON)");
  let docs: unknown[];
  try {
    docs = parseYamlDocuments(patch.patch);
  } catch (error) {
    throw new PatchError("patch", `patch is not valid YAML: ${(error as Error).message}`);
  }
  if (docs.length !== 1) throw new PatchError("patch", `patch holds ${docs.length} YAML documents; write one patch per list entry`);
  const [doc] = docs;
  if (Array.isArray(doc)) {
    if (patch.target === undefined)
      throw new PatchError("target", "a JSON 6902 patch (a list of operations) needs a target, as kustomize requires");
    return { type: "json6902", operations: doc.map((op, i) => checkOperation(op, i)) };
  }
  if (!isJsonMap(doc))
    throw new PatchError("patch", "patch must be a list of JSON 6902 operations or one object (a strategic merge patch)");
  const directive = findDirective(doc, []);
  if (directive)
    throw new PatchError(
      "patch",
      `strategic merge directive ${directive} is not supported; write the change as a JSON 6902 patch (op: remove/replace) instead`,
    );
  const metadata = isJsonMap(doc.metadata) ? doc.metadata : {};
  for (const field of ["labels", "annotations"]) {
    const values = metadata[field];
    if (isJsonMap(values) && Object.values(values).includes(null)) {
      throw new PatchError(
        "patch",
        `metadata.${field} with a null value: kustomize writes the string "null" there instead of deleting it; remove the ${field.slice(0, -1)} with a JSON 6902 patch (op: remove)`,
      );
    }
  }
  if (patch.target === undefined && (typeof doc.kind !== "string" || !isJsonMap(doc.metadata) || typeof doc.metadata.name !== "string")) {
    throw new PatchError(
      "patch",
      "a strategic merge patch without a target must name its object (apiVersion, kind, metadata.name and metadata.namespace)",
    );
  }
  return { type: "strategicMerge", body: doc };
}

function checkOperation(op: unknown, i: number): Json6902Operation {
  const at = `operation ${i + 1}`;
  if (!isJsonMap(op) || typeof op.op !== "string" || !OPS.has(op.op))
    throw new PatchError("patch", `${at} must have op: add, remove, replace, move, copy or test`);
  if (typeof op.path !== "string")
    throw new PatchError("patch", `${at} (${op.op}) must have a path (a JSON pointer such as /spec/template/spec/containers/0/args/-)`);
  if (["add", "replace", "test"].includes(op.op) && !("value" in op))
    throw new PatchError("patch", `${at} (${op.op} ${op.path}) must have a value`);
  if (["move", "copy"].includes(op.op) && typeof op.from !== "string")
    throw new PatchError("patch", `${at} (${op.op} ${op.path}) must have from`);
  return op as unknown as Json6902Operation;
}

function findDirective(value: JsonValue, path: string[]): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findDirective(item, path);
      if (found) return found;
    }
  } else if (isJsonMap(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (DIRECTIVES.includes(key) || key.startsWith("$setElementOrder/")) return `${key} (at ${[...path, key].join(".")})`;
      const found = findDirective(child, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Which objects a patch applies to: its target, or for an untargeted strategic merge patch, the object it names. */
function selector(patch: KustomizePatch, parsed: ParsedPatch): (object: KubeObject) => boolean {
  if (patch.target !== undefined) return compileTarget(patch.target);
  const body = parsed.type === "strategicMerge" ? parsed.body : {};
  const metadata = body.metadata as JsonMap;
  const namespace = typeof metadata.namespace === "string" ? metadata.namespace : undefined;
  return (object) =>
    (body.apiVersion === undefined || object.apiVersion === body.apiVersion) &&
    object.kind === body.kind &&
    object.metadata.name === metadata.name &&
    (object.metadata.namespace ?? "default") === (namespace ?? "default");
}

/**
 * The objects after each patch in order, as `kustomize build` applies a
 * kustomization's `patches:` to its resources. An object keeps its identity
 * (a strategic merge patch's own name and namespace are ignored under a target).
 */
export function applyPatches(
  objects: readonly KubeObject[],
  patches: readonly KustomizePatch[],
  onError: (index: number, error: PatchError) => never,
): KubeObject[] {
  let current = objects.map((o) => structuredClone(o) as unknown as JsonMap);
  patches.forEach((patch, index) => {
    try {
      const parsed = parsePatch(patch);
      const selects = selector(patch, parsed);
      let matched = 0;
      current = current.map((object) => {
        if (!selects(object as unknown as KubeObject)) return object;
        matched++;
        const where = `${object.kind} ${(object.metadata as JsonMap).name}`;
        if (parsed.type === "json6902") return applyJson6902(object, parsed.operations, where) as JsonMap;
        const { metadata, apiVersion: _apiVersion, kind: _kind, ...rest } = parsed.body;
        const body = isJsonMap(metadata) ? { ...rest, metadata: withoutIdentity(metadata) } : rest;
        return applyStrategicMerge(object, body, where);
      });
      if (matched === 0 && patch.target === undefined) {
        throw new PatchError(
          "patch",
          `no object matches this strategic merge patch (${String(parsed.type === "strategicMerge" ? parsed.body.kind : "")} ${String((parsed.type === "strategicMerge" ? (parsed.body.metadata as JsonMap) : {}).name)}); add metadata.namespace or a target`,
        );
      }
    } catch (error) {
      if (error instanceof PatchError) onError(index, error);
      throw error;
    }
  });
  return current as unknown as KubeObject[];
}

function withoutIdentity(metadata: JsonMap): JsonMap {
  const { name: _name, namespace: _namespace, ...rest } = metadata;
  return rest;
}
