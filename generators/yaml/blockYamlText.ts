/** Line and quoted-scalar helpers of the block YAML reader. */

/** Thrown where the fast reader gives up; the caller then uses the full parser. */
export class Unsupported extends Error {}

export const giveUp = (): never => {
  throw new Unsupported();
};

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b",
  " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029",
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Adds a member even when the key is `__proto__`; false when the key is already there. */
export function addMember(map: Record<string, unknown>, key: string, value: unknown): boolean {
  if (Object.prototype.hasOwnProperty.call(map, key)) return false;
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
  return true;
}

export function indentOf(text: string): number {
  return firstNonSpace(text, 0);
}

export function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) === 0x20) i++;
  return i;
}

export function isBlankOrComment(text: string): boolean {
  const start = firstNonSpace(text, 0);
  return start === text.length || text[start] === "#";
}

export function isSequenceEntry(text: string, col: number): boolean {
  return text[col] === "-" && (col + 1 === text.length || text[col + 1] === " ");
}

export function closingDoubleQuote(text: string, open: number): number | undefined {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return undefined;
}

export function closingSingleQuote(text: string, open: number): number | undefined {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] !== "'") continue;
    if (text[i + 1] === "'") i++;
    else return i;
  }
  return undefined;
}

/**
 * Folds a line break inside a quoted scalar: trailing spaces go, the break becomes a
 * space, or one newline per blank line. Lines ending in a backslash (an escaped break,
 * which go-yaml never writes) are left to the full parser.
 */
export function foldLineEnd(raw: string, blankLines: number): string {
  const trimmed = raw.replace(/ +$/, "");
  if (trimmed.endsWith("\\")) giveUp();
  return trimmed + (blankLines === 0 ? " " : "\n".repeat(blankLines));
}

export function unescapeDouble(raw: string): string {
  if (!raw.includes("\\")) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const code = raw[++i];
    const length = HEX_ESCAPE_LENGTH[code];
    if (length !== undefined) {
      const hex = raw.slice(i + 1, i + 1 + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) giveUp();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += length;
    } else {
      out += ESCAPES[code] ?? giveUp();
    }
  }
  return out;
}
