/**
 * Which scalar styles go-yaml v2's emitter allows for a string (yaml_emitter_analyze_scalar)
 * and which one it picks (yaml_emitter_select_scalar_style, check_simple_key).
 */

const MAX_SIMPLE_KEY_BYTES = 128;

export type ScalarStyle = "plain" | "single" | "double" | "literal";

export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

export function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

export function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;
const FLOW_AND_BLOCK_FIRST = "#,[]{}&*!|>'\"%@`";

const SIMPLE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const ALL_ALLOWED: ScalarAnalysis = Object.freeze({
  multiline: false,
  blockPlainAllowed: true,
  singleQuotedAllowed: true,
  blockAllowed: true,
});

const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

/**
 * yaml_emitter_analyze_scalar for a string of well-formed UTF-16. Flow indicators are
 * not tracked: the encoder only opens flow collections when they are empty.
 */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (SIMPLE.test(value)) return ALL_ALLOWED;
  if (PRINTABLE_ASCII.test(value)) return analyzeAsciiLine(value);
  if (value.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = value.startsWith("---") || value.startsWith("...");
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpaceOrBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < value.length;) {
    const c = value.codePointAt(i) as number;
    const width = c > 0xffff ? 2 : 1;
    const next = i + width < value.length ? (value.codePointAt(i + width) as number) : -1;
    const followedByWhitespace = next === -1 || isBlank(next);
    const ch = value[i];
    if (i === 0) {
      if (FLOW_AND_BLOCK_FIRST.includes(ch)) blockIndicators = true;
      else if ((ch === "?" || ch === ":" || ch === "-") && followedByWhitespace) blockIndicators = true;
    } else if ((ch === ":" && followedByWhitespace) || (ch === "#" && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    const last = i + width === value.length;
    if (c === 0x20) {
      if (i === 0) leadingSpaceOrBreak = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingSpaceOrBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === 0;
    i += width;
  }
  const plainBlocked = leadingSpaceOrBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || specialCharacters || lineBreaks;
  return {
    multiline: lineBreaks,
    blockPlainAllowed: !plainBlocked && !blockIndicators,
    singleQuotedAllowed: !(breakSpace || spaceBreak || specialCharacters),
    blockAllowed: !(trailingSpace || spaceBreak || specialCharacters),
  };
}

/** analyzeScalar for one line of printable ASCII: no breaks or special characters, so only spaces and indicators matter. */
function analyzeAsciiLine(value: string): ScalarAnalysis {
  const first = value[0];
  const edgeSpace = first === " " || value[value.length - 1] === " ";
  const indicators =
    FLOW_AND_BLOCK_FIRST.includes(first) ||
    ("?:-".includes(first) && (value.length === 1 || value[1] === " ")) ||
    value.startsWith("---") ||
    value.startsWith("...") ||
    value.includes(": ") ||
    value.endsWith(":") ||
    value.includes(" #");
  return {
    multiline: false,
    blockPlainAllowed: !edgeSpace && !indicators,
    singleQuotedAllowed: true,
    blockAllowed: value[value.length - 1] !== " ",
  };
}

/** yaml_emitter_check_simple_key for a scalar: single line and at most 128 bytes of UTF-8. */
export function isSimpleKey(value: string, analysis: ScalarAnalysis): boolean {
  if (analysis.multiline) return false;
  if (value.length * 3 <= MAX_SIMPLE_KEY_BYTES) return true;
  return Buffer.byteLength(value, "utf8") <= MAX_SIMPLE_KEY_BYTES;
}

/** yaml_emitter_select_scalar_style in block context (the encoder never opens a non-empty flow collection). */
export function selectScalarStyle(requested: ScalarStyle, value: string, analysis: ScalarAnalysis, simpleKey: boolean): ScalarStyle {
  let style = requested;
  if (simpleKey && analysis.multiline) style = "double";
  if (style === "plain" && (!analysis.blockPlainAllowed || (value.length === 0 && simpleKey))) style = "single";
  if (style === "single" && !analysis.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!analysis.blockAllowed || simpleKey)) style = "double";
  return style;
}
