/**
 * Reads a multi-document YAML stream into JSON values the way kustomize reads
 * resources: go-yaml v3 (YAML 1.2-like) scalar resolution, timestamps kept as
 * strings, empty documents dropped. Integers beyond 2^53 lose precision (JS numbers).
 */
import { Alias, isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, type Document, type Node } from "yaml";
import { resolvePlainScalarV3 } from "./goYamlResolve";

const CORE_TAG = "tag:yaml.org,2002:";

/** Every document of `text` the `yaml` package reads, resolved with kyaml's rules. */
export function parseYamlDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  for (const doc of parseAllDocuments(text, { schema: "failsafe", merge: false, uniqueKeys: true })) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
    const value = toJson(doc.contents as Node | null, doc);
    if (value !== null && value !== undefined) documents.push(value);
  }
  return documents;
}

/** Adds a member even when the key is `__proto__`; false when the key is already there. */
function addMember(map: Record<string, unknown>, key: string, value: unknown): boolean {
  if (Object.prototype.hasOwnProperty.call(map, key)) return false;
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
  return true;
}
function toJson(node: Node | null, doc: Document): unknown {
  if (node === null) return null;
  if (isAlias(node)) return toJson((node as Alias).resolve(doc) as Node | null, doc);
  if (isScalar(node)) return scalarValue(node);
  if (isSeq(node)) return node.items.map((item) => toJson(item as Node | null, doc));
  if (isMap(node)) {
    const map: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key)) throw new Error("invalid YAML: only scalar mapping keys are supported");
      const name = String(key.value);
      if (name === "<<" && key.type === Scalar.PLAIN) throw new Error("invalid YAML: merge keys (<<) are not supported");
      if (!addMember(map, name, toJson(pair.value as Node | null, doc))) throw new Error(`invalid YAML: duplicate key ${name}`);
    }
    return map;
  }
  throw new Error("invalid YAML: unsupported node");
}

function scalarValue(node: Scalar): unknown {
  const text = String(node.value ?? "");
  const tag = node.tag;
  if (tag === undefined) return node.type === Scalar.PLAIN ? resolvePlainScalarV3(text) : text;
  if (!tag.startsWith(CORE_TAG)) return text;
  switch (tag.slice(CORE_TAG.length)) {
    case "str":
      return text;
    case "null":
      return null;
    default:
      return resolvePlainScalarV3(text);
  }
}
