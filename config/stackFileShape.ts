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

/** A duplicate key as the YAML library reports one (`uniqueKeys`), found in linear time. */
export interface DuplicateKey {
  readonly offset: number;
  /** "Map keys must be unique", then the line with a caret under the key, as the library's pretty errors. */
  readonly message: string;
  readonly linePos: { line: number; col: number };
}

/**
 * Keys repeated within one map. The YAML library's own `uniqueKeys` check compares each key with
 * every earlier one (quadratic: minutes for a 1 MiB file of short keys), so it is off and this
 * replaces it, with one Set per map.
 */
export function duplicateKeys(document: Document, source: string, lineCounter: LineCounter): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value: unknown = pair.key.value;
        if (!seen.has(value)) {
          seen.add(value);
          continue;
        }
        const offset = pair.key.range?.[0] ?? 0;
        const linePos = lineCounter.linePos(offset);
        const at = `Map keys must be unique at line ${linePos.line}, column ${linePos.col}`;
        // Only the first few are shown (config/problemCap.ts): the others need no excerpt.
        found.push({ offset, linePos, message: found.length < 10 ? `${at}:\n\n${excerpt(source, lineCounter, linePos)}\n` : at });
      }
      return undefined;
    },
  });
  return found;
}

/** The line at `linePos` (at most 80 characters around the column) and a caret under the column. */
function excerpt(source: string, lineCounter: LineCounter, linePos: { line: number; col: number }): string {
  const starts = lineCounter.lineStarts;
  const line = source.slice(starts[linePos.line - 1], starts[linePos.line] ?? source.length).replace(/[\n\r]+$/, "");
  const from = Math.max(0, Math.min(linePos.col - 40, line.length - 79));
  const shown = (from > 0 ? "…" : "") + line.slice(from, from + 79) + (line.length > from + 79 ? "…" : "");
  return `${shown}\n${" ".repeat(linePos.col - 1 - from + (from > 0 ? 1 : 0))}^`;
}
