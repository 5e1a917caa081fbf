import { createHmac } from "node:crypto";

/**
 * known_hosts lines read as OpenSSH reads them (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT",
 * ssh-keygen -F): an optional marker (@cert-authority, @revoked), host patterns
 * (comma-separated, `[host]:port`, wildcards, `!negation`, or hashed `|1|salt|hash`),
 * the key type, the base64 key blob whose first field repeats the key type, and an
 * optional comment. Flux reads the same format (golang.org/x/crypto/ssh/knownhosts).
 */
const keyTypes = new Set([
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ecdsa-sha2-nistp256@openssh.com",
  "sk-ssh-ed25519@openssh.com",
  "ssh-dss",
]);

export interface KnownHostsLine {
  readonly line: number;
  readonly marker?: "@cert-authority" | "@revoked";
  readonly hosts: string;
  readonly keyType: string;
}

/** Each line's problem (1-based line numbers), or the parsed lines. */
export function parseKnownHosts(text: string): { lines: KnownHostsLine[]; problems: string[] } {
  const lines: KnownHostsLine[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const fields = line.split(/\s+/);
    const at = `line ${index + 1}`;
    let marker: KnownHostsLine["marker"];
    if (fields[0].startsWith("@")) {
      if (fields[0] !== "@cert-authority" && fields[0] !== "@revoked") {
        problems.push(`${at} has the unknown marker ${fields[0]} (OpenSSH knows @cert-authority and @revoked)`);
        return;
      }
      marker = fields.shift() as KnownHostsLine["marker"];
    }
    const [hosts, keyType, key] = fields;
    if (key === undefined) {
      problems.push(`${at} must read "<host> <key-type> <base64-key>"`);
      return;
    }
    if (!keyTypes.has(keyType)) {
      problems.push(`${at} has the unknown key type ${JSON.stringify(keyType.slice(0, 40))} (known: ${[...keyTypes].join(", ")})`);
      return;
    }
    const blobProblem = checkKeyBlob(keyType, key);
    if (blobProblem) {
      problems.push(`${at}: ${blobProblem}`);
      return;
    }
    if (hosts.startsWith("|") && !/^\|1\|[A-Za-z0-9+/]+=*\|[A-Za-z0-9+/]+=*$/.test(hosts)) {
      problems.push(`${at} has a malformed hashed host (expected |1|<base64 salt>|<base64 hash>, as ssh-keygen -H writes)`);
      return;
    }
    lines.push({ line: index + 1, marker, hosts, keyType });
  });
  return { lines, problems };
}

/** Fields after the key type of each key type's wire format (RFC 4253, 5656, 8709; OpenSSH PROTOCOL.u2f). */
const fieldCounts: Record<string, number> = {
  "ssh-ed25519": 1,
  "ssh-rsa": 2,
  "ssh-dss": 4,
  "ecdsa-sha2-nistp256": 2,
  "ecdsa-sha2-nistp384": 2,
  "ecdsa-sha2-nistp521": 2,
  "sk-ecdsa-sha2-nistp256@openssh.com": 3,
  "sk-ssh-ed25519@openssh.com": 2,
};

/** The key blob is base64 of an SSH wire-format key: the key type again, then its fields, nothing else (as ssh-keygen checks). */
function checkKeyBlob(keyType: string, key: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) return "the key is not base64";
  const blob = Buffer.from(key, "base64");
  const fields: Buffer[] = [];
  for (let offset = 0; offset < blob.length;) {
    if (offset + 4 > blob.length) return `the ${keyType} key is truncated`;
    const length = blob.readUInt32BE(offset);
    if (offset + 4 + length > blob.length) return `the ${keyType} key is truncated`;
    fields.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  const name = fields[0]?.toString("latin1") ?? "";
  if (name !== keyType) return `the key blob is a ${JSON.stringify(name.slice(0, 40))} key, not ${keyType}`;
  if (fields.length - 1 !== fieldCounts[keyType]) return `the ${keyType} key is malformed`;
  if (keyType.endsWith("ed25519") && !keyType.startsWith("sk-") && fields[1].length !== 32) return "the ssh-ed25519 key is not 32 bytes";
  if (keyType.startsWith("ecdsa-") && fields[1].toString("latin1") !== keyType.slice("ecdsa-sha2-".length))
    return `the ${keyType} key names another curve`;
  return undefined;
}

/**
 * True when a host pattern list (or hashed entry) names `hostname` as ssh looks it up:
 * `host` on port 22, `[host]:port` on another port; without a port, either form.
 */
export function hostsMatch(hosts: string, hostname: string, port?: string): boolean {
  const lookups = port === undefined ? undefined : port === "22" ? [hostname] : [`[${hostname}]:${port}`];
  if (hosts.startsWith("|1|")) {
    const [, , salt, hash] = hosts.split("|");
    const hashOf = (name: string) => createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
    return (lookups ?? [hostname]).some((name) => hashOf(name) === hash);
  }
  let matched = false;
  for (const pattern of hosts.split(",")) {
    const negated = pattern.startsWith("!");
    const body = negated ? pattern.slice(1) : pattern;
    const bracketed = /^\[(.+)\]:(\d+)$/.exec(body);
    const host = bracketed?.[1] ?? body;
    const entryPort = bracketed?.[2] ?? "22";
    if (port !== undefined && entryPort !== port) continue;
    if (!wildcard(host).test(hostname)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}
