import { gzipSync } from "node:zlib";
import { Header, Pax } from "tar";

/** One entry of a test archive. Names are written as given, so tests can build hostile archives. */
export interface TarEntrySpec {
  readonly name: string;
  readonly content?: string | Buffer;
  /** Default "file". */
  readonly type?: "file" | "dir" | "symlink";
  readonly linkName?: string;
  /** How a name longer than 100 bytes is stored. Default "pax". */
  readonly longNames?: "pax" | "gnu";
}

const BLOCK = 512;
const TYPES = { file: "File", dir: "Directory", symlink: "SymbolicLink" } as const;

/**
 * Test archives written with the `tar` package's own header and pax encoders. Unlike
 * `tar.create`, it takes names verbatim (`../x`, `/etc/x`), so tests can build hostile archives.
 */
export function tarBuffer(entries: readonly TarEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content ?? "");
    const type = TYPES[entry.type ?? "file"];
    const size = type === "File" ? data.length : 0;
    let headerPath = entry.name;
    if (Buffer.byteLength(entry.name) > 100) {
      // Stored in front of a header whose own name is cut short, so a reader must use the long form.
      headerPath = entry.name.slice(0, 99);
      if ((entry.longNames ?? "pax") === "pax") {
        parts.push(new Pax({ path: entry.name }).encode());
      } else {
        const name = Buffer.concat([Buffer.from(entry.name), Buffer.from([0])]);
        parts.push(header({ path: "././@LongLink", size: name.length, type: "NextFileHasLongPath" }), padded(name));
      }
    }
    parts.push(header({ path: headerPath, size, type, linkpath: entry.linkName }));
    if (size > 0) parts.push(padded(data));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

export function tarGzBuffer(entries: readonly TarEntrySpec[]): Buffer {
  return gzipSync(tarBuffer(entries));
}

function header(fields: { path: string; size: number; type: Header["type"]; linkpath?: string }): Buffer {
  // A fixed mtime keeps fixtures byte-stable; the path is written into the 100-byte name field only.
  const h = new Header({ ...fields, mode: 0o644, uid: 0, gid: 0, mtime: new Date(0) });
  const block = Buffer.alloc(BLOCK);
  h.encode(block);
  return block;
}

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}
