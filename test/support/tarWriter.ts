import { gzipSync } from "node:zlib";

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

/** A minimal tar writer for fixtures: ustar headers, pax or GNU long names, end-of-archive blocks. */
export function tarBuffer(entries: readonly TarEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content ?? "");
    const nameBytes = Buffer.from(entry.name);
    let headerName = entry.name;
    if (nameBytes.length > 100) {
      headerName = entry.name.slice(0, 99);
      if ((entry.longNames ?? "pax") === "pax") {
        const paxData = Buffer.from(paxRecord("path", entry.name));
        parts.push(header({ name: "PaxHeader", size: paxData.length, type: "x" }), padded(paxData));
      } else {
        const gnuData = Buffer.concat([nameBytes, Buffer.from([0])]);
        parts.push(header({ name: "././@LongLink", size: gnuData.length, type: "L", gnu: true }), padded(gnuData));
      }
    }
    const type = entry.type === "dir" ? "5" : entry.type === "symlink" ? "2" : "0";
    const size = type === "0" ? data.length : 0;
    parts.push(header({ name: headerName, size, type, linkName: entry.linkName, gnu: entry.longNames === "gnu" }));
    if (size > 0) parts.push(padded(data));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

export function tarGzBuffer(entries: readonly TarEntrySpec[]): Buffer {
  return gzipSync(tarBuffer(entries));
}

interface HeaderFields {
  name: string;
  size: number;
  type: string;
  linkName?: string;
  gnu?: boolean;
}

function header({ name, size, type, linkName, gnu }: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write("0000644\0", 100, "latin1");
  block.write("0000000\0", 108, "latin1");
  block.write("0000000\0", 116, "latin1");
  block.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "latin1");
  block.write(`${(0).toString(8).padStart(11, "0")}\0`, 136, "latin1");
  block.write(type, 156, "latin1");
  if (linkName) block.write(linkName, 157, 100, "utf8");
  block.write(gnu ? "ustar  \0" : "ustar\u000000", 257, "latin1");
  block.fill(0x20, 148, 156);
  const sum = block.reduce((acc, byte) => acc + byte, 0);
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

/** `<length> <key>=<value>\n`, where the length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body);
  while (Buffer.byteLength(`${length}${body}`) !== length) length = Buffer.byteLength(`${length}${body}`);
  return `${length}${body}`;
}
