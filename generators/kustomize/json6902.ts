import { isJsonMap, PatchError, type Json6902Operation, type JsonValue } from "./patchTypes";

/**
 * RFC 6902 JSON Patch over a plain JSON document, as kustomize applies it
 * (github.com/evanphx/json-patch): operations in order, each path an RFC 6901
 * pointer, `-` appends to a list. Returns a new document; the input is not changed.
 */
export function applyJson6902(document: JsonValue, operations: readonly Json6902Operation[], where: string): JsonValue {
  let doc = structuredClone(document);
  operations.forEach((operation, i) => {
    const at = `${where}: operation ${i + 1} (${operation.op} ${operation.path})`;
    doc = applyOperation(doc, operation, at);
  });
  return doc;
}

function applyOperation(doc: JsonValue, operation: Json6902Operation, at: string): JsonValue {
  switch (operation.op) {
    case "add":
      return add(doc, parsePointer(operation.path, at), structuredClone(operation.value as JsonValue), at);
    case "remove":
      return remove(doc, parsePointer(operation.path, at), at).doc;
    case "replace": {
      const tokens = parsePointer(operation.path, at);
      get(doc, tokens, at);
      return set(doc, tokens, structuredClone(operation.value as JsonValue), at);
    }
    case "move": {
      const from = parsePointer(operation.from as string, at);
      const removed = remove(doc, from, at);
      return add(removed.doc, parsePointer(operation.path, at), removed.value, at);
    }
    case "copy":
      return add(doc, parsePointer(operation.path, at), structuredClone(get(doc, parsePointer(operation.from as string, at), at)), at);
    case "test":
      if (!deepEqual(get(doc, parsePointer(operation.path, at), at), operation.value as JsonValue))
        throw new PatchError("patch", `${at}: test failed, the value differs`);
      return doc;
  }
}

export function parsePointer(pointer: string, at: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/"))
    throw new PatchError("patch", `${at}: path ${JSON.stringify(pointer)} is not a JSON pointer (it must start with /)`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parent(doc: JsonValue, tokens: readonly string[], at: string): { container: JsonValue; key: string } {
  if (tokens.length === 0) throw new PatchError("patch", `${at}: cannot change the whole document`);
  return { container: get(doc, tokens.slice(0, -1), at), key: tokens[tokens.length - 1] };
}

function get(doc: JsonValue, tokens: readonly string[], at: string): JsonValue {
  let node = doc;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length - 1, at)];
    else if (isJsonMap(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
    else throw new PatchError("patch", `${at}: the object has no ${JSON.stringify(token)} there (the path does not exist)`);
  }
  return node;
}

function add(doc: JsonValue, tokens: readonly string[], value: JsonValue, at: string): JsonValue {
  if (tokens.length === 0) return value;
  const { container, key } = parent(doc, tokens, at);
  if (Array.isArray(container)) {
    const index = key === "-" ? container.length : arrayIndex(key, container.length, at);
    container.splice(index, 0, value);
  } else if (isJsonMap(container)) container[key] = value;
  else throw new PatchError("patch", `${at}: the parent of the path is not an object or a list`);
  return doc;
}

function set(doc: JsonValue, tokens: readonly string[], value: JsonValue, at: string): JsonValue {
  if (tokens.length === 0) return value;
  const { container, key } = parent(doc, tokens, at);
  if (Array.isArray(container)) container[arrayIndex(key, container.length - 1, at)] = value;
  else if (isJsonMap(container)) container[key] = value;
  return doc;
}

function remove(doc: JsonValue, tokens: readonly string[], at: string): { doc: JsonValue; value: JsonValue } {
  const value = get(doc, tokens, at);
  const { container, key } = parent(doc, tokens, at);
  if (Array.isArray(container)) container.splice(arrayIndex(key, container.length - 1, at), 1);
  else if (isJsonMap(container)) delete container[key];
  return { doc, value };
}

function arrayIndex(token: string, max: number, at: string): number {
  if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) > max) {
    throw new PatchError("patch", `${at}: list index ${JSON.stringify(token)} is out of range (0..${max})`);
  }
  return Number(token);
}

export function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isJsonMap(a) && isJsonMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
