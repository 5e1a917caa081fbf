import { gunzipSync } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { formatBytes } from "./errors";

/** Bounds that keep a hostile or broken archive from exhausting memory. */
export interface TarLimits {
  /** Cap on the uncompressed tar stream; it bounds the sum of all file sizes. Default 64 MiB. */
  readonly maxUnpackedBytes: number;
  /** Cap on the number of entries (files, directories, links). Default 1000. */
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
 * Reads the regular files of a `.tar.gz` into memory with the `tar` package's parser
 * (ustar, pax and GNU long names, header checksums). Directories, links and special
 * files are skipped; absolute paths and `..` segments reject the whole archive.
 * Node's gunzip runs first so the unpacked size is capped before any parsing.
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

const REGULAR_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

/** The parser runs synchronously on a buffer: `end()` returns after every entry was emitted. */
function readTar(tar: Buffer, limits: TarLimits): TarFile[] {
  const files: TarFile[] = [];
  let failure: Error | undefined;
  let entries = 0;
  const fail = (error: Error): void => {
    failure ??= error;
  };
  const parser = new Parser({
    strict: true,
    // The parser must not try other decompressors on what gunzip already unpacked.
    brotli: false,
    zstd: false,
    onReadEntry: (entry: ReadEntry) => {
      entries += 1;
      if (failure !== undefined || entries > limits.maxEntries) {
        if (entries > limits.maxEntries) fail(new TarGzError(`archive has more than ${limits.maxEntries} entries`));
        entry.resume();
        return;
      }
      let path: string;
      try {
        path = normaliseEntryPath(entry.path);
      } catch (err) {
        fail(err as Error);
        entry.resume();
        return;
      }
      if (!REGULAR_TYPES.has(entry.type)) {
        entry.resume();
        return;
      }
      if (path === "") fail(new TarGzError("archive has a file entry without a name"));
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => chunks.push(chunk));
      entry.on("end", () => files.push({ path, data: Buffer.concat(chunks) }));
    },
  });
  parser.on("error", (err: Error) => fail(err));
  parser.end(tar);
  if (failure !== undefined) throw failure instanceof TarGzError ? failure : new TarGzError(tarReason(failure));
  return files;
}

/** The `tar` package's codes, as one short reason. */
function tarReason(err: Error): string {
  const code = (err as { tarCode?: string }).tarCode;
  const message = err.message.replace(/^TAR_[A-Z_]+: /, "");
  if (code === "TAR_ENTRY_INVALID" && /checksum/.test(message)) return "not a tar archive (bad header checksum)";
  if (code === "TAR_BAD_ARCHIVE" && /Truncated/.test(message)) return `tar stream is truncated inside an entry (${message})`;
  if (code === "TAR_BAD_ARCHIVE") return `not a tar archive (${message})`;
  return `unreadable tar archive (${message})`;
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
