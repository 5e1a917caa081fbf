import { gunzipSync } from "node:zlib";
import { formatBytes } from "./errors";

/** Bounds that keep a hostile or broken archive from exhausting memory. */
export interface TarLimits {
  /** Cap on the uncompressed tar stream; it bounds the sum of all file sizes. Default 64 MiB. */
  readonly maxUnpackedBytes: number;
  /** Cap on the number of tar headers, metadata headers included. Default 1000. */
  readonly maxEntries: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = Object.freeze({
  maxUnpackedBytes: 64 * 1024 * 1024,
  maxEntries: 1000,
});

/** A regular file read from an archive; `path` is relative, `/`-separated, without `./`. */
export interface TarFile {
  readonly path: string;
  readonly data: Buffer;
}

/** The archive cannot be read safely; the message is the reason, without context. */
export class TarGzError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TarGzError";
  }
}

/**
 * Reads the regular files of a `.tar.gz` into memory (ustar, pax and GNU long
 * names). Directories, links and special files are skipped; absolute paths and
 * `..` segments reject the whole archive.
 */
export function readTarGz(gz: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): TarFile[] {
  return readTar(gunzip(gz, limits.maxUnpackedBytes), limits);
}

function gunzip(gz: Uint8Array, maxBytes: number): Buffer {
  try {
    return gunzipSync(gz, { maxOutputLength: maxBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ERR_BUFFER_TOO_LARGE") {
      throw new TarGzError(`archive unpacks to more than ${formatBytes(maxBytes)}`);
    }
    throw new TarGzError(`not a valid gzip stream (${e.message})`);
  }
}

const BLOCK = 512;
const REGULAR_TYPES = new Set(["0", "\0", "7"]);

interface PendingMetadata {
  path?: string;
  size?: number;
}

function readTar(tar: Buffer, limits: TarLimits): TarFile[] {
  const files: TarFile[] = [];
  let pending: PendingMetadata = {};
  let offset = 0;
  let headers = 0;
  while (offset < tar.length) {
    if (offset + BLOCK > tar.length) throw new TarGzError("tar stream is truncated inside a header");
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    headers += 1;
    if (headers > limits.maxEntries) {
      throw new TarGzError(`archive has more than ${limits.maxEntries} entries`);
    }
    verifyHeaderChecksum(header, offset);

    const type = String.fromCharCode(header[156]);
    const isMetadata = type === "x" || type === "g" || type === "L" || type === "K";
    const size = isMetadata ? numberField(header, 124, 12) : (pending.size ?? numberField(header, 124, 12));
    const dataStart = offset + BLOCK;
    if (dataStart + size > tar.length) throw new TarGzError("tar stream is truncated inside an entry");
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === "x") pending = { ...pending, ...parsePaxRecords(data) };
    else if (type === "L") pending = { ...pending, path: cString(data) };
    if (isMetadata) continue;

    const path = normaliseEntryPath(pending.path ?? headerName(header));
    pending = {};
    if (REGULAR_TYPES.has(type)) {
      if (path === "") throw new TarGzError("archive has a file entry without a name");
      files.push({ path, data });
    }
  }
  return files;
}

function verifyHeaderChecksum(header: Buffer, offset: number): void {
  let recorded: number;
  try {
    recorded = numberField(header, 148, 8);
  } catch {
    recorded = NaN;
  }
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (recorded !== unsigned && recorded !== signed) {
    throw new TarGzError(`not a tar archive (bad header checksum at byte ${offset})`);
  }
}

/** Octal ASCII, or GNU base-256 when the high bit of the first byte is set. */
function numberField(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  if (field[0] & 0x80) {
    if (field[0] !== 0x80) throw new TarGzError("tar header has a negative or oversized number");
    let value = 0;
    for (const byte of field.subarray(1)) {
      value = value * 256 + byte;
      if (value > Number.MAX_SAFE_INTEGER) throw new TarGzError("tar header has an oversized number");
    }
    return value;
  }
  const text = field.toString("latin1").replace(/[\0 ]+$/g, "").replace(/^ +/, "");
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarGzError(`tar header has a malformed number ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const isPosixUstar = header.subarray(257, 263).toString("latin1") === "ustar\0";
  const prefix = isPosixUstar ? cString(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString("utf8");
}

/** pax records are `<length> <key>=<value>\n`, the length counting bytes of the whole record. */
function parsePaxRecords(data: Buffer): PendingMetadata {
  const result: PendingMetadata = {};
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break;
    const space = data.indexOf(0x20, pos);
    const length = space === -1 ? NaN : Number(data.subarray(pos, space).toString("latin1"));
    if (!Number.isInteger(length) || length <= space - pos || pos + length > data.length || data[pos + length - 1] !== 0x0a) {
      throw new TarGzError("archive has a malformed pax header");
    }
    const record = data.subarray(space + 1, pos + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq <= 0) throw new TarGzError("archive has a malformed pax header");
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === "path") result.path = value;
    if (key === "size") {
      if (!/^\d+$/.test(value)) throw new TarGzError("archive has a malformed pax size");
      result.size = Number(value);
    }
    pos += length;
  }
  return result;
}

/** `./a//b/` → `a/b`; rejects absolute paths, drive letters and `..` segments. */
export function normaliseEntryPath(raw: string): string {
  if (/^[\\/]/.test(raw) || /^[A-Za-z]:/.test(raw)) {
    throw new TarGzError(`archive entry ${JSON.stringify(raw)} has an absolute path`);
  }
  const segments = raw.split(/[\\/]/);
  if (segments.includes("..")) {
    throw new TarGzError(`archive entry ${JSON.stringify(raw)} escapes the archive with ".."`);
  }
  return segments.filter((s) => s !== "" && s !== ".").join("/");
}
