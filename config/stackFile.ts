import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { configNamespace, keyPath, looksLikeSecretKey, looksLikeSecretText, secretPaths } from "./errors";
import { duplicateKeys, position, shapeProblems, textProblem } from "./stackFileShape";
import { closestName } from "./suggest";

/**
 * Reads a `Pulumi.<stack>.yaml` for `npm run render` as Pulumi would, and reports
 * what Pulumi would silently accept but the user surely did not mean: YAML syntax
 * errors (with file, line, column and the lines around), an empty file, unknown
 * top-level keys, and configuration under a misspelt namespace.
 */
export interface StackFileValues {
  /** Values of our namespace keyed without the prefix; secure values stay `{secure: ...}`. */
  readonly values: Record<string, unknown>;
  /** Problems, each naming the file or key; empty when the file reads cleanly. */
  readonly problems: string[];
  /** Source text of numeric scalars by key path, for "quote it" hints (`cluster.kubernetesVersion` → `1.30`). */
  readonly numberSources: ReadonlyMap<string, string>;
  /** True when the file could not be read as a stack file at all: report `problems` alone. */
  readonly fatal: boolean;
}

/** Top-level keys of a stack settings file (Pulumi's `workspace.ProjectStack`). */
const stackFileKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** Namespaces of the providers this program uses, plus Pulumi's own. */
export const knownNamespaces = ["pulumi", "azure-native", "azure", "azuread", "github", "kubernetes", "tls", "random", "command"];

/** Largest stack file read (1 MiB); the real ones are a few KiB, and a bigger one is a mistake, not configuration. */
export const maxStackFileBytes = 1024 * 1024;

export function readStackFile(file: string): StackFileValues {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > maxStackFileBytes)
      return {
        values: {},
        numberSources: new Map(),
        fatal: true,
        problems: [
          `${name}: is ${size} bytes; a stack file may be at most ${maxStackFileBytes} bytes (1 MiB); remove what is not configuration (pasted files, generated lists) or check that --stack names the right file`,
        ],
      };
    bytes = fs.readFileSync(file);
  } catch (error) {
    return {
      values: {},
      numberSources: new Map(),
      fatal: true,
      problems: [`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); it must be a readable YAML file`],
    };
  }
  const unusable = (problems: string[]): StackFileValues => ({ values: {}, numberSources: new Map(), problems, fatal: true });
  const empty = (what: string): StackFileValues =>
    unusable([
      `${name}: ${what}; a stack file needs a \`config:\` map with ${configNamespace}: keys (start from a copy of Pulumi.dev.yaml)`,
    ]);
  const notText = textProblem(bytes);
  if (notText) return unusable([`${name}: ${notText}`]);
  const lineCounter = new LineCounter();
  // merge: `<<` keys as Pulumi's YAML reader (go-yaml) merges them.
  // uniqueKeys: false, as the library's check is quadratic; duplicateKeys finds the same keys in linear time.
  const text = bytes.toString("utf8");
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, merge: true, lineCounter });
  const errors = [
    ...[...document.errors, ...document.warnings].map((e) => ({
      offset: e.pos[0],
      code: e.code,
      message: e.message,
      linePos: e.linePos?.[0],
    })),
    ...duplicateKeys(document, text, lineCounter).map((d) => ({ ...d, code: "DUPLICATE_KEY" })),
  ].sort((a, b) => a.offset - b.offset);
  if (errors.length > 0)
    return unusable(
      errors.map((error, i) =>
        // Past the first few (all render shows, config/problemCap.ts), the line is enough.
        i < 10
          ? yamlProblem(name, error.code, error.message, error.linePos)
          : `${name}:${error.linePos?.line ?? 0}:${error.linePos?.col ?? 0}: invalid YAML`,
      ),
    );
  if (document.contents === null) return empty("is empty");
  if (!isMap(document.contents)) return empty(`is not a YAML map (it is ${describeNode(document.contents)})`);
  const shape = shapeProblems(document);
  if (shape.length > 0) return unusable(shape.map((p) => `${name}:${position(lineCounter, p.offset)}: invalid stack file: ${p.message}`));

  const problems: string[] = [];
  let root: Record<string, unknown>;
  try {
    root = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    return empty(`cannot be expanded: ${error instanceof Error ? error.message.split("\n")[0] : String(error)} (YAML aliases)`);
  }
  for (const key of Object.keys(root)) {
    if (stackFileKeys.includes(key)) continue;
    const near = closestName(key, stackFileKeys);
    problems.push(
      `${name}: top-level key ${JSON.stringify(key)} is not one Pulumi reads${near ? `; did you mean ${near}:?` : `; known keys: ${stackFileKeys.join(", ")}`}`,
    );
  }
  if (!Object.prototype.hasOwnProperty.call(root, "config") || root.config === null) {
    if (problems.length === 0) return empty("has no `config:` section");
    return unusable(problems);
  }
  const config = root.config;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    problems.push(`${name}: config: must be a map of \`${configNamespace}:<key>: <value>\` entries`);
    return unusable(problems);
  }

  const values: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(config as Record<string, unknown>)) {
    const colon = fullKey.indexOf(":");
    // A key without a namespace belongs to the project, as in `pulumi config set flux.version ...`.
    const namespace = colon < 0 ? configNamespace : fullKey.slice(0, colon);
    const key = colon < 0 ? fullKey : fullKey.slice(colon + 1);
    if (namespace === configNamespace) {
      Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const problem = namespaceProblem(namespace, key);
    if (problem) problems.push(`${name}: ${problem}`);
  }
  return { values, problems, numberSources: numberSourcesOf(document.get("config", true)), fatal: false };
}

/**
 * A key under another namespace that looks like ours misspelt (`aks-flux-gitop:flux`,
 * `aksfluxgitops:flux`): Pulumi would pass it to nobody and the setting would be lost.
 */
export function namespaceProblem(namespace: string, key: string): string | undefined {
  if (knownNamespaces.includes(namespace)) return undefined;
  const squashed = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const near = squashed(namespace) === squashed(configNamespace) || closestName(namespace, [configNamespace], 4) !== undefined;
  if (!near) return undefined;
  return `${namespace}:${key} is under namespace ${JSON.stringify(namespace)}, which nothing reads; did you mean ${configNamespace}:${key}? (rename the key; Pulumi would ignore it)`;
}

/** Fixes for the YAML library's errors whose own text names its API, not the stack file's fix. */
const yamlFixes: Record<string, string> = {
  MULTIPLE_DOCS:
    "the file holds more than one YAML document (a `---` line after the first); a stack file is one document: remove the `---` and what follows, or merge it into config:",
  TAG_RESOLVE_FAILED: "a tag (`!name`) Pulumi does not know; remove the tag",
  BAD_DIRECTIVE: "a `%` directive Pulumi does not read; remove it",
};

function yamlProblem(file: string, code: string, message: string, position: { line: number; col: number } | undefined): string {
  const [first, ...context] = message.split("\n");
  const summary = yamlFixes[code] ?? first.replace(/ at line \d+, column \d+:?$/, "");
  const where = position ? `${file}:${position.line}:${position.col}` : file;
  const excerpt = context
    .filter((line, i) => line.trim() !== "" || (i > 0 && i < context.length - 1))
    .map((line) => `    ${redactLine(line)}`);
  return [
    `${where}: invalid YAML: ${summary}`,
    ...excerpt,
    `    fix the YAML at line ${position?.line ?? "?"} (indent with spaces, close brackets and quotes, quote values that contain ": " or " #")`,
  ].join("\n");
}

/** Leaf names of the credential keys (`githubToken`, `address`): their values never appear in an excerpt. */
const secretLeaves = new Set([...secretPaths].map((p) => p.slice(p.lastIndexOf(".") + 1)));

/** A line of the file as a YAML error quotes it: `secure:` values, credential keys' values and credential-looking text hidden. */
function redactLine(line: string): string {
  const secure = /^(.*?\bsecure["']?\s*:\s*)\S.*$/.exec(line);
  if (secure) return `${secure[1]}<secret>`;
  const keyed = /^(\s*(?:-\s+)?["']?([^\s"':]+)["']?\s*:\s+)\S.*$/.exec(line);
  if (keyed && (looksLikeSecretKey(keyed[2]) || secretLeaves.has(keyed[2]))) return `${keyed[1]}<secret>`;
  return looksLikeSecretText(line) ? line.replace(/\S.*$/, "<secret>") : line;
}

/** What the file holds instead of a map; a scalar's text is not repeated (it may be anything, a pasted token too). */
function describeNode(node: Node): string {
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return node.value === null ? "null" : `a single ${typeof node.value === "string" ? "text" : typeof node.value} value`;
  return "not a map";
}

function numberSourcesOf(config: unknown): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (node: unknown, at: PropertyKey[]) => {
    if (isScalar(node)) {
      if (typeof node.value === "number" && typeof node.source === "string") sources.set(keyPath(at), node.source);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const stripped = at.length === 0 ? key.replace(new RegExp(`^${configNamespace}:`), "") : key;
        walk(pair.value, [...at, stripped]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...at, i]));
    }
  };
  walk(config, []);
  return sources;
}
