/**
 * How Go's YAML libraries read plain scalars, and how go-yaml v2 prints numbers
 * and orders map keys: the rules behind sigs.k8s.io/yaml's output (go-yaml v2,
 * YAML 1.1) and kustomize's input (go-yaml v3 as used by kyaml).
 */

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

const V2_NON_STRINGS = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "true",
  "True",
  "TRUE",
  "on",
  "On",
  "ON",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "false",
  "False",
  "FALSE",
  "off",
  "Off",
  "OFF",
  "",
  "~",
  "null",
  "Null",
  "NULL",
  ".nan",
  ".NaN",
  ".NAN",
  ".inf",
  ".Inf",
  ".INF",
  "+.inf",
  "+.Inf",
  "+.INF",
  "-.inf",
  "-.Inf",
  "-.INF",
]);

const V3_WORDS = new Map<string, unknown>([
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
  ["", null],
  ["~", null],
  ["null", null],
  ["Null", null],
  ["NULL", null],
  [".nan", NaN],
  [".NaN", NaN],
  [".NAN", NaN],
  [".inf", Infinity],
  [".Inf", Infinity],
  [".INF", Infinity],
  ["+.inf", Infinity],
  ["+.Inf", Infinity],
  ["+.INF", Infinity],
  ["-.inf", -Infinity],
  ["-.Inf", -Infinity],
  ["-.INF", -Infinity],
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const GO_INT = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

type Hint = "sign-or-digit" | "word" | "dot" | undefined;

function hintOf(s: string): Hint {
  const c = s.charCodeAt(0);
  if (c === 43 || c === 45 || (c >= 48 && c <= 57)) return "sign-or-digit";
  if (c === 46) return "dot";
  return "yYnNtTfFoO~".includes(s[0]) ? "word" : undefined;
}

/** Go's strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64); undefined when both fail. */
function parseGoInteger(s: string): bigint | undefined {
  const m = GO_INT.exec(s);
  if (m === null) return undefined;
  const [, sign, hex, octal, binary, legacyOctal, decimal] = m;
  let magnitude: bigint;
  if (hex !== undefined) magnitude = BigInt(`0x${hex}`);
  else if (octal !== undefined) magnitude = BigInt(`0o${octal}`);
  else if (binary !== undefined) magnitude = BigInt(`0b${binary}`);
  else if (legacyOctal !== undefined) magnitude = legacyOctal === "" ? 0n : BigInt(`0o${legacyOctal}`);
  else magnitude = BigInt(decimal);
  const fitsInt64 = sign === "-" ? magnitude <= INT64_MAX + 1n : magnitude <= INT64_MAX;
  if (fitsInt64) return sign === "-" ? -magnitude : magnitude;
  return sign === "" && magnitude <= UINT64_MAX ? magnitude : undefined;
}

/** Go's strconv.ParseFloat for a string already known to be decimal; out of range counts as failure. */
function parseDecimalFloat(s: string): number | undefined {
  const value = Number(s);
  return Number.isFinite(value) ? value : undefined;
}

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_T_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE_SPACE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?$/;

/** The timestamp forms go-yaml accepts (its parseTimestamp over Go's time.Parse layouts). */
function isGoYamlTimestamp(s: string): boolean {
  if (s.length < 5 || s[4] !== "-") return false;
  const m = DATE.exec(s) ?? DATE_T_TIME.exec(s) ?? DATE_SPACE_TIME.exec(s);
  if (m === null) return false;
  const [year, month, day, hour = "0", minute = "0", second = "0", zoneHour = "0", zoneMinute = "0"] = m.slice(1);
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  const daysInMonth = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > daysInMonth) return false;
  return Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 && Number(zoneHour) <= 24 && Number(zoneMinute) <= 60;
}

/**
 * True when go-yaml v2 would not read `s` back as a string if written plain
 * (YAML 1.1 bools, nulls, numbers, timestamps) or quotes it anyway (base-60 floats).
 */
export function isAmbiguousPlainScalar(s: string): boolean {
  if (V2_NON_STRINGS.has(s)) return true;
  const hint = hintOf(s);
  if (hint === "dot") return DOT_FLOAT.test(s) && parseDecimalFloat(s) !== undefined;
  if (hint === "sign-or-digit") {
    if (isGoYamlTimestamp(s)) return true;
    const plain = s.includes("_") ? s.replace(/_/g, "") : s;
    if (parseGoInteger(plain) !== undefined) return true;
    if (YAML_STYLE_FLOAT.test(plain) && parseDecimalFloat(plain) !== undefined) return true;
    return s.includes(":") && BASE60_FLOAT.test(s);
  }
  return false;
}

/**
 * The JSON value go-yaml v3 (kyaml, kustomize's reader) decodes an untagged plain
 * scalar to. Timestamps stay strings, as v3 does when decoding into interface{}.
 */
export function resolvePlainScalarV3(s: string): unknown {
  if (V3_WORDS.has(s)) return V3_WORDS.get(s);
  const hint = hintOf(s);
  if (hint === "dot") return (DOT_FLOAT.test(s) ? parseDecimalFloat(s) : undefined) ?? s;
  if (hint !== "sign-or-digit" || isGoYamlTimestamp(s)) return s;
  const plain = s.includes("_") ? s.replace(/_/g, "") : s;
  const integer = parseGoInteger(plain);
  if (integer !== undefined) return Number(integer);
  if (YAML_STYLE_FLOAT.test(plain)) return parseDecimalFloat(plain) ?? s;
  return s;
}

/**
 * A number as sigs.k8s.io/yaml prints its JSON text: integral values (written without
 * a fraction below 1e21) that fit int64 or uint64 keep their digits, anything else is
 * printed from its float64 with strconv.FormatFloat(f, 'g', -1, 64).
 */
export function formatGoYamlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot marshal ${n} to YAML: JSON has no non-finite numbers`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const digits = String(n);
    const value = BigInt(digits);
    if (value >= -INT64_MAX - 1n && value <= UINT64_MAX) return digits;
  }
  return formatFloatShortestG(n);
}

function formatFloatShortestG(n: number): string {
  const [mantissa, exponentText] = Math.abs(n).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const sign = n < 0 ? "-" : "";
  if (exponent < -4 || exponent >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return fraction === "" ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return DIGIT.test(String.fromCodePoint(cp));
}

/** A string's code points: the string itself when it has no surrogate pairs (charCodeAt is then exact). */
type CodePoints = string | number[];

function codePoints(s: string): CodePoints {
  return /[\uD800-\uDFFF]/.test(s) ? Array.from(s, (ch) => ch.codePointAt(0) as number) : s;
}

const at = (cps: CodePoints, i: number): number => (typeof cps === "string" ? cps.charCodeAt(i) : cps[i]);

/** Go's int64 arithmetic for a run of digits (wraps like Go on overflow). */
function digitRunValue(cps: CodePoints, from: number, initial: bigint): { value: bigint; end: number } {
  let value = initial;
  let end = from;
  while (end < cps.length && isDigit(at(cps, end))) {
    value = BigInt.asIntN(64, value * 10n + BigInt(at(cps, end) - 48));
    end++;
  }
  return { value, end };
}

/** go-yaml v2's map key order (sorter.go): letters after other characters, digit runs compared as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = codePoints(a);
  const br = codePoints(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = at(ar, i);
    const bc = at(br, i);
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let seed = 0n;
    if (ac === 48 || bc === 48) {
      for (let j = i - 1; j >= 0 && isDigit(at(ar, j)); j--) {
        if (at(ar, j) !== 48) {
          seed = 1n;
          break;
        }
      }
    }
    const an = digitRunValue(ar, i, seed);
    const bn = digitRunValue(br, i, seed);
    if (an.value !== bn.value) return an.value < bn.value;
    if (an.end !== bn.end) return an.end < bn.end;
    return ac < bc;
  }
  return ar.length < br.length;
}

/** A sort comparator for go-yaml's key order. */
export function compareKeysGoYaml(a: string, b: string): number {
  return a === b ? 0 : goYamlKeyLess(a, b) ? -1 : 1;
}
