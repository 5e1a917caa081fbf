/**
 * Scalar writers of go-yaml v2's emitter (emitterc.go): plain and single-quoted text
 * folded at a space once the column passes 80, double-quoted text with escapes and
 * folds, literal blocks with indentation and chomping indicators. Columns count
 * characters, as the emitter does.
 */
import { isBreak, isPrintable, type ScalarStyle } from "./goYamlScalarStyle";

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** The emitter's position and the flags its writers consult. */
export interface EmitterState {
  /** The text written so far (V8 concatenates strings as ropes, so appending is cheap). */
  out: string;
  column: number;
  indent: number;
  /** The last thing written was whitespace (or nothing), so an indicator needs no leading space. */
  whitespace: boolean;
  /** Only indentation has been written on the current line. */
  indention: boolean;
}

export function putBreak(st: EmitterState): void {
  st.out += "\n";
  st.column = 0;
}

export function writeIndent(st: EmitterState): void {
  const indent = Math.max(st.indent, 0);
  if (!st.indention || st.column > indent || (st.column === indent && !st.whitespace)) putBreak(st);
  if (st.column < indent) {
    st.out += " ".repeat(indent - st.column);
    st.column = indent;
  }
  st.whitespace = true;
  st.indention = true;
}

export function writeIndicator(
  st: EmitterState,
  indicator: string,
  needWhitespace: boolean,
  isWhitespace: boolean,
  isIndention: boolean,
): void {
  if (needWhitespace && !st.whitespace) {
    st.out += " ";
    st.column++;
  }
  st.out += indicator;
  st.column += indicator.length;
  st.whitespace = isWhitespace;
  st.indention = st.indention && isIndention;
}

/** Writes a break that is part of a scalar's text (write_break). */
function writeTextBreak(st: EmitterState, ch: string): void {
  if (ch === "\n") putBreak(st);
  else {
    st.out += ch;
    st.column = 0;
  }
}

const BREAK_CHARACTERS = /[\n\r\u0085\u2028\u2029]/;

/** Plain and single-quoted text: a space may fold into a line break once past column 80. */
function writeFoldableText(st: EmitterState, value: string, allowBreaks: boolean, quoted: boolean): void {
  if (BREAK_CHARACTERS.test(value)) return writeFoldableTextWithBreaks(st, value, allowBreaks, quoted);
  let spaces = false;
  for (let i = 0; i < value.length;) {
    const space = value.indexOf(" ", i);
    const end = space < 0 ? value.length : space;
    if (end > i) {
      const word = quoted ? value.slice(i, end).replace(/'/g, "''") : value.slice(i, end);
      st.out += word;
      st.column += word.length;
      st.indention = false;
      spaces = false;
    }
    if (space < 0) break;
    const atEdge = quoted && (space === 0 || space === value.length - 1);
    if (allowBreaks && !spaces && st.column > BEST_WIDTH && !atEdge && value.charCodeAt(space + 1) !== 0x20) writeIndent(st);
    else {
      st.out += " ";
      st.column++;
    }
    spaces = true;
    i = space + 1;
  }
}

/** The general case, character by character: breaks (only possible single-quoted: U+2028, U+2029) are written as folds. */
function writeFoldableTextWithBreaks(st: EmitterState, value: string, allowBreaks: boolean, quoted: boolean): void {
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const c = value.charCodeAt(i);
    if (c === 0x20) {
      const atEdge = quoted && (i === 0 || i === value.length - 1);
      if (allowBreaks && !spaces && st.column > BEST_WIDTH && !atEdge && value.charCodeAt(i + 1) !== 0x20) writeIndent(st);
      else {
        st.out += " ";
        st.column++;
      }
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && ch === "\n") putBreak(st);
      writeTextBreak(st, ch);
      st.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(st);
      const text = quoted && ch === "'" ? "''" : ch;
      st.out += text;
      st.column += text.length;
      st.indention = false;
      spaces = false;
      breaks = false;
    }
  }
}

export function writePlainScalar(st: EmitterState, value: string, allowBreaks: boolean): void {
  if (!st.whitespace) {
    st.out += " ";
    st.column++;
  }
  writeFoldableText(st, value, allowBreaks, false);
  st.whitespace = false;
  st.indention = false;
}

export function writeSingleQuotedScalar(st: EmitterState, value: string, allowBreaks: boolean): void {
  writeIndicator(st, "'", true, false, false);
  writeFoldableText(st, value, allowBreaks, true);
  writeIndicator(st, "'", false, false, false);
  st.whitespace = false;
  st.indention = false;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

function escapeFor(c: number): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return `\\${short}`;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return `\\x${hex.padStart(2, "0")}`;
  if (c <= 0xffff) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}

export function writeDoubleQuotedScalar(st: EmitterState, value: string, allowBreaks: boolean): void {
  writeIndicator(st, '"', true, false, false);
  const escapeAll = value.charCodeAt(0) === 0xfeff;
  let spaces = false;
  for (let i = 0; i < value.length;) {
    const c = value.codePointAt(i) as number;
    const width = c > 0xffff ? 2 : 1;
    if (escapeAll || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
      const escape = escapeFor(c);
      st.out += escape;
      st.column += escape.length;
      spaces = false;
    } else if (c === 0x20) {
      if (allowBreaks && !spaces && st.column > BEST_WIDTH && i > 0 && i < value.length - 1) {
        writeIndent(st);
        if (value.charCodeAt(i + 1) === 0x20) {
          st.out += "\\";
          st.column++;
        }
      } else {
        st.out += " ";
        st.column++;
      }
      spaces = true;
    } else {
      st.out += value.slice(i, i + width);
      st.column++;
      spaces = false;
    }
    i += width;
  }
  writeIndicator(st, '"', false, false, false);
  st.whitespace = false;
  st.indention = false;
}

function chompingIndicator(value: string): string {
  const last = value.charCodeAt(value.length - 1);
  if (!isBreak(last)) return "-";
  if (value.length === 1 || isBreak(value.charCodeAt(value.length - 2))) return "+";
  return "";
}

export function writeLiteralScalar(st: EmitterState, value: string): void {
  writeIndicator(st, "|", true, false, false);
  const first = value.charCodeAt(0);
  if (first === 0x20 || isBreak(first)) writeIndicator(st, String(BEST_INDENT), false, false, false);
  const chomp = chompingIndicator(value);
  if (chomp !== "") writeIndicator(st, chomp, false, false, false);
  putBreak(st);
  st.indention = true;
  st.whitespace = true;
  let breaks = true;
  let lineStart = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : -1;
    if (c !== -1 && !isBreak(c)) continue;
    if (i > lineStart) {
      if (breaks) writeIndent(st);
      const text = value.slice(lineStart, i);
      st.out += text;
      st.column += text.length;
      st.indention = false;
      breaks = false;
    }
    if (c === -1) break;
    writeTextBreak(st, value[i]);
    st.indention = true;
    breaks = true;
    lineStart = i + 1;
  }
}

export function writeScalar(st: EmitterState, value: string, style: ScalarStyle, allowBreaks: boolean): void {
  switch (style) {
    case "plain":
      return writePlainScalar(st, value, allowBreaks);
    case "single":
      return writeSingleQuotedScalar(st, value, allowBreaks);
    case "double":
      return writeDoubleQuotedScalar(st, value, allowBreaks);
    case "literal":
      return writeLiteralScalar(st, value);
  }
}
