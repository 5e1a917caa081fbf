/**
 * YAML byte for byte as sigs.k8s.io/yaml.Marshal (kustomize, the flux CLI) writes the JSON form of a value:
 * JSON values only, members JSON.stringify drops are dropped; a document ends with "\n", documents join with "---\n".
 */
import { compareKeysGoYaml, formatGoYamlNumber, isAmbiguousPlainScalar } from "./goYamlResolve";
import { writeIndent, writeIndicator, writeScalar, type EmitterState } from "./goYamlScalar";
import { analyzeScalar, isSimpleKey, selectScalarStyle, type ScalarAnalysis, type ScalarStyle } from "./goYamlScalarStyle";

export function marshalYaml(value: unknown): string {
  const json = toJsonValue(value);
  if (json === undefined) throw new TypeError(`cannot marshal ${typeof value} to YAML: it has no JSON form`);
  const st: EmitterState = { out: "", column: 0, indent: -1, whitespace: true, indention: true };
  emitNode(st, json, false);
  writeIndent(st);
  return st.out;
}

export function marshalYamlDocuments(values: readonly unknown[]): string {
  return values.map(marshalYaml).join("---\n");
}

/** The value JSON.stringify would serialise for `value`, or undefined where it would drop it. */
function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      throw new TypeError("cannot marshal a bigint to YAML: JSON has no bigint");
    default:
      return value;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNREADABLE = /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;
const NEL_BREAKS = / *(?:\u0085 *)+/g;

/**
 * A string as go-yaml reads it back from Go's JSON: invalid UTF-16 becomes U+FFFD, the
 * raw NEL that json.Marshal leaves in place is a line break folded like one inside
 * a double-quoted scalar, and the control characters go-yaml's reader refuses fail.
 */
function goJsonString(s: string): string {
  if (!/[\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/.test(s)) return s;
  const text = s.replace(LONE_SURROGATE, "\uFFFD");
  const bad = UNREADABLE.exec(text);
  if (bad !== null) {
    const code = (bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0");
    throw new Error(
      `cannot marshal a string with control character U+${code} to YAML: go-yaml refuses it (${JSON.stringify(s.slice(0, 40))})`,
    );
  }
  return text.replace(NEL_BREAKS, (run) => {
    const breaks = run.split("\u0085").length - 1;
    return breaks === 1 ? " " : "\n".repeat(breaks - 1);
  });
}

function emitNode(st: EmitterState, value: unknown, inMapping: boolean): void {
  if (value === null) return emitScalar(st, "null", "plain", analyzeScalar("null"), false);
  switch (typeof value) {
    case "string": {
      const text = goJsonString(value);
      return emitScalar(st, text, requestedStringStyle(text), analyzeScalar(text), false);
    }
    case "number": {
      const text = formatGoYamlNumber(value);
      return emitScalar(st, text, "plain", analyzeScalar(text), false);
    }
    case "boolean":
      return emitScalar(st, String(value), "plain", analyzeScalar(String(value)), false);
    case "object":
      if (Array.isArray(value)) return emitSequence(st, value, inMapping);
      return emitMapping(st, value as Record<string, unknown>);
    default:
      throw new TypeError(`cannot marshal ${typeof value} to YAML`);
  }
}

/** go-yaml's encoder: literal for multi-line text, double quotes when plain text would read back as another type. */
function requestedStringStyle(text: string): ScalarStyle {
  if (text.includes("\n")) return "literal";
  return isAmbiguousPlainScalar(text) ? "double" : "plain";
}

function emitScalar(st: EmitterState, text: string, requested: ScalarStyle, analysis: ScalarAnalysis, simpleKey: boolean): void {
  const style = selectScalarStyle(requested, text, analysis, simpleKey);
  const outer = st.indent;
  st.indent = outer < 0 ? 2 : outer + 2;
  writeScalar(st, text, style, !simpleKey);
  st.indent = outer;
}

function emitSequence(st: EmitterState, items: readonly unknown[], inMapping: boolean): void {
  if (items.length === 0) return emitEmptyFlow(st, "[", "]");
  const outer = st.indent;
  const indentless = inMapping && !st.indention;
  st.indent = outer < 0 ? 0 : indentless ? outer : outer + 2;
  for (const item of items) {
    writeIndent(st);
    writeIndicator(st, "-", true, false, true);
    const json = toJsonValue(item);
    emitNode(st, json === undefined ? null : json, false);
  }
  st.indent = outer;
}

function emitMapping(st: EmitterState, object: Record<string, unknown>): void {
  const members: [string, unknown][] = [];
  for (const key of Object.keys(object)) {
    const json = toJsonValue(object[key]);
    if (json !== undefined) members.push([goJsonString(key), json]);
  }
  if (members.length === 0) return emitEmptyFlow(st, "{", "}");
  members.sort((a, b) => compareKeysGoYaml(a[0], b[0]));
  const outer = st.indent;
  st.indent = outer < 0 ? 0 : outer + 2;
  for (const [key, value] of members) {
    writeIndent(st);
    const analysis = analyzeScalar(key);
    if (isSimpleKey(key, analysis)) {
      emitScalar(st, key, requestedStringStyle(key), analysis, true);
      writeIndicator(st, ":", false, false, false);
    } else {
      writeIndicator(st, "?", true, false, true);
      emitScalar(st, key, requestedStringStyle(key), analysis, false);
      writeIndent(st);
      writeIndicator(st, ":", true, false, true);
    }
    emitNode(st, value, true);
  }
  st.indent = outer;
}

function emitEmptyFlow(st: EmitterState, open: string, close: string): void {
  writeIndicator(st, open, true, true, false);
  writeIndicator(st, close, false, false, false);
}
