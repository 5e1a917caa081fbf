import { isAlias, isMap, isScalar, visit, type Document, type LineCounter, type Node } from "yaml";

/**
 * What a stack file's YAML may parse to but Pulumi's reader would not take as meant, each with
 * its position: keys that are not plain text (`? [a, b]`, `~:`), and aliases inside the very map or
 * list they repeat (`config: &c {x: *c}`, which never ends). Also whether the bytes are UTF-8 text.
 */
export interface ShapeProblem {
  readonly message: string;
  readonly offset: number;
}

/** Why `bytes` are not a UTF-8 text file (UTF-16, binary), or undefined. */
export function textProblem(bytes: Buffer): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return "is UTF-16 encoded; save it as UTF-8 (Pulumi reads stack files as UTF-8 YAML)";
  if (bytes.includes(0)) return "is not a text file (it holds NUL bytes); a stack file is UTF-8 YAML text";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "is not UTF-8 text (it holds bytes that are not UTF-8); save it as UTF-8 YAML";
  }
  return undefined;
}

export function shapeProblems(document: Document): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  visit(document, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const offset = key?.range?.[0] ?? 0;
      if (!isScalar(key) || key.value === null || typeof key.value === "object") {
        problems.push({
          message: `a key is ${key === null || (isScalar(key) && key.value === null) ? "empty (null)" : "a list or map"}; keys must be plain text, such as aks-flux-gitops:flux`,
          offset,
        });
        return visit.SKIP;
      }
      return undefined;
    },
    Alias(_, alias, ancestors) {
      const target = alias.resolve(document);
      if (target && ancestors.some((node) => node === target) && (isMap(target) || !isAlias(target)))
        problems.push({
          message: `the alias *${alias.source} repeats the map or list it is inside (anchor &${alias.source}), which never ends; write the values out instead`,
          offset: alias.range?.[0] ?? 0,
        });
      return undefined;
    },
  });
  return problems;
}

export function position(lineCounter: LineCounter, offset: number): string {
  const { line, col } = lineCounter.linePos(offset);
  return `${line}:${col}`;
}
