/**
 * A fast reader for the block YAML that go-yaml and kustomize write (block maps,
 * indentless sequences, plain/quoted/literal scalars, `{}`/`[]`), with kyaml's
 * (go-yaml v3) scalar resolution. Anything else makes it give up (`undefined`),
 * and the caller falls back to a full YAML parser.
 */
import {
  addMember,
  closingDoubleQuote,
  closingSingleQuote,
  firstNonSpace,
  foldLineEnd,
  giveUp,
  indentOf,
  isBlankOrComment,
  isSequenceEntry,
  unescapeDouble,
  Unsupported,
} from "./blockYamlText";
import { resolvePlainScalarV3 } from "./goYamlResolve";

/** Documents in order, empty ones dropped; undefined when the text is outside the supported subset. */
export function parseBlockYamlDocuments(text: string): unknown[] | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return new BlockYamlParser(text).documents();
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

class BlockYamlParser {
  private readonly lines: string[];
  private line = 0;
  private end = 0;

  constructor(text: string) {
    this.lines = text.split("\n");
    if (text.endsWith("\n")) this.lines.pop();
  }

  documents(): unknown[] {
    const docs: unknown[] = [];
    let start = 0;
    for (let i = 0; i <= this.lines.length; i++) {
      const l = i < this.lines.length ? this.lines[i] : "---";
      if (l.startsWith("%") || l.startsWith("...") || (l.startsWith("---") && !/^---\s*$/.test(l))) giveUp();
      if (!l.startsWith("---")) continue;
      this.line = start;
      this.end = i;
      const value = this.document();
      if (value !== null && value !== undefined) docs.push(value);
      start = i + 1;
    }
    return docs;
  }

  private document(): unknown {
    const first = this.nextContentLine(this.line);
    if (first === this.end) return undefined;
    const text = this.lines[first];
    const indent = indentOf(text);
    if (!isSequenceEntry(text, indent) && this.keyEnd(text, indent) === undefined) giveUp();
    const value = this.node(first, indent, -1);
    if (this.nextContentLine(this.line) !== this.end) giveUp();
    return value;
  }

  /** The first line at or after `from` that is neither blank nor a comment. */
  private nextContentLine(from: number): number {
    let i = from;
    while (i < this.end && isBlankOrComment(this.lines[i])) i++;
    return i;
  }

  /** A node whose first character is at (line, col); `parentIndent` is the enclosing block's indentation. */
  private node(line: number, col: number, parentIndent: number): unknown {
    const text = this.lines[line];
    const c = text[col];
    if (c === "-" && (col + 1 === text.length || text[col + 1] === " ")) return this.sequence(line, col);
    const keyEnd = this.keyEnd(text, col);
    if (keyEnd !== undefined) return this.mapping(line, col);
    return this.scalar(line, col, parentIndent);
  }

  /** Where the `:` after a key starting at `col` is, if the text there is a mapping entry. */
  private keyEnd(text: string, col: number): number | undefined {
    const c = text[col];
    let colon: number;
    if (c === '"' || c === "'") {
      const close = c === '"' ? closingDoubleQuote(text, col) : closingSingleQuote(text, col);
      if (close === undefined) return undefined;
      colon = close + 1;
    } else {
      const found = text.indexOf(":", col);
      colon = found;
      while (colon !== -1 && colon + 1 < text.length && text[colon + 1] !== " ") colon = text.indexOf(":", colon + 1);
      if (colon === -1) return undefined;
    }
    if (text[colon] !== ":" || (colon + 1 < text.length && text[colon + 1] !== " ")) return undefined;
    return colon;
  }

  private mapping(line: number, indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let current = line;
    let col = indent;
    for (;;) {
      const text = this.lines[current];
      const colon = this.keyEnd(text, col) ?? giveUp();
      if (!addMember(map, this.key(text, col, colon), this.valueAfter(current, colon + 1, indent))) giveUp();
      const next = this.nextContentLine(this.line);
      if (next === this.end) break;
      const nextIndent = indentOf(this.lines[next]);
      if (nextIndent < indent) break;
      if (nextIndent > indent || isSequenceEntry(this.lines[next], nextIndent)) giveUp();
      current = next;
      col = indent;
    }
    return map;
  }

  private key(text: string, col: number, colon: number): string {
    const c = text[col];
    if (c === '"') return unescapeDouble(text.slice(col + 1, colon - 1));
    if (c === "'") return text.slice(col + 1, colon - 1).replace(/''/g, "'");
    const key = text.slice(col, colon).trimEnd();
    if ("?&*!|>%@`{[#,".includes(c) || key.includes(" #") || key === "<<") giveUp();
    return key;
  }

  /** The value of a mapping entry whose `:` ends just before `col`. */
  private valueAfter(line: number, col: number, indent: number): unknown {
    const text = this.lines[line];
    const start = firstNonSpace(text, col);
    if (start < text.length && text[start] !== "#") return this.scalar(line, start, indent);
    const next = this.nextContentLine(line + 1);
    if (next < this.end) {
      const nextIndent = indentOf(this.lines[next]);
      if (nextIndent > indent) return this.node(next, nextIndent, indent);
      if (nextIndent === indent && isSequenceEntry(this.lines[next], indent)) return this.sequence(next, indent);
    }
    this.line = line + 1;
    return null;
  }

  private sequence(line: number, dash: number): unknown[] {
    const items: unknown[] = [];
    let current = line;
    for (;;) {
      const text = this.lines[current];
      const start = firstNonSpace(text, dash + 1);
      if (start < text.length && text[start] !== "#") {
        items.push(this.node(current, start, dash));
      } else {
        const next = this.nextContentLine(current + 1);
        const nextIndent = next < this.end ? indentOf(this.lines[next]) : -1;
        if (nextIndent > dash) items.push(this.node(next, nextIndent, dash));
        else {
          items.push(null);
          this.line = current + 1;
        }
      }
      const next = this.nextContentLine(this.line);
      if (next === this.end || indentOf(this.lines[next]) !== dash || !isSequenceEntry(this.lines[next], dash)) {
        if (next < this.end && indentOf(this.lines[next]) > dash) giveUp();
        return items;
      }
      current = next;
    }
  }

  private scalar(line: number, col: number, parentIndent: number): unknown {
    const text = this.lines[line];
    const c = text[col];
    if (c === '"') return this.quoted(line, col, closingDoubleQuote, unescapeDouble);
    if (c === "'") return this.quoted(line, col, closingSingleQuote, (s) => s.replace(/''/g, "'"));
    if (c === "|") return this.literal(line, col, parentIndent);
    if (c === "{" || c === "[") {
      const rest = text.slice(col).trimEnd();
      if (rest !== "{}" && rest !== "[]") giveUp();
      this.line = line + 1;
      return rest === "{}" ? {} : [];
    }
    if ("?&*!>%@`#,]}".includes(c) || (c === "-" && (col + 1 === text.length || text[col + 1] === " "))) giveUp();
    return resolvePlainScalarV3(this.plain(line, col, parentIndent));
  }

  private plain(line: number, col: number, parentIndent: number): string {
    const checked = (s: string): string => {
      if (s.includes(" #") || s.includes(": ") || s.endsWith(":")) giveUp();
      return s;
    };
    let value = checked(this.lines[line].slice(col).trimEnd());
    let i = line + 1;
    let blankLines = 0;
    for (; i < this.end; i++) {
      const l = this.lines[i];
      const start = firstNonSpace(l, 0);
      if (start === l.length) {
        blankLines++;
        continue;
      }
      if (start <= parentIndent || l[start] === "#") break;
      if (parentIndent < 0) giveUp();
      value += (blankLines === 0 ? " " : "\n".repeat(blankLines)) + checked(l.slice(start).trimEnd());
      blankLines = 0;
    }
    this.line = i - blankLines;
    return value;
  }

  /** A quoted scalar, possibly folded over several lines; the rest of its last line must be empty. */
  private quoted(line: number, col: number, close: (s: string, open: number) => number | undefined, unescape: (s: string) => string): string {
    let raw = "";
    let current = line;
    let open = col;
    for (;;) {
      const text = this.lines[current];
      const end = close(text, open);
      if (end !== undefined) {
        raw += text.slice(open + 1, end);
        const rest = text.slice(end + 1).trim();
        if (rest !== "" && !rest.startsWith("#")) giveUp();
        this.line = current + 1;
        return unescape(raw);
      }
      raw += text.slice(open + 1);
      let next = current + 1;
      let blankLines = 0;
      while (next < this.end && this.lines[next].trim() === "") {
        blankLines++;
        next++;
      }
      if (next >= this.end) giveUp();
      raw = foldLineEnd(raw, blankLines);
      current = next;
      open = firstNonSpace(this.lines[next], 0) - 1;
    }
  }

  private literal(line: number, col: number, parentIndent: number): string {
    const header = this.lines[line].slice(col + 1).trimEnd();
    const match = /^([+-]?)(?:\s+#.*)?$/.exec(header) ?? giveUp();
    const chomping = match[1];
    const contentLines: string[] = [];
    let contentIndent = -1;
    let i = line + 1;
    for (; i < this.end; i++) {
      const l = this.lines[i];
      const start = firstNonSpace(l, 0);
      if (start === l.length) {
        if (contentIndent < 0) giveUp();
        contentLines.push(l.length > contentIndent ? l.slice(contentIndent) : "");
        continue;
      }
      if (contentIndent < 0) {
        if (start <= parentIndent) break;
        contentIndent = start;
      } else if (start < contentIndent) break;
      contentLines.push(l.slice(contentIndent));
    }
    let trailing = 0;
    while (trailing < contentLines.length && contentLines[contentLines.length - 1 - trailing] === "") trailing++;
    this.line = i;
    const body = contentLines.slice(0, contentLines.length - trailing).join("\n");
    if (body === "") giveUp();
    if (chomping === "-") return body;
    return chomping === "+" ? body + "\n".repeat(trailing + 1) : `${body}\n`;
  }
}
