import { createHmac } from "node:crypto";
import { checkKeyBlob, sshKeyTypes } from "./sshKeyBlob";

/**
 * known_hosts lines read as OpenSSH reads them (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT",
 * ssh-keygen -F): an optional marker (@cert-authority, @revoked), host patterns
 * (comma-separated, `[host]:port`, wildcards, `!negation`, or hashed `|1|salt|hash`),
 * the key type, the base64 key blob whose first field repeats the key type, and an
 * optional comment. Flux reads the same format (golang.org/x/crypto/ssh/knownhosts).
 * The key material itself is checked field by field in sshKeyBlob.ts.
 */
const keyTypes = new Set(sshKeyTypes);

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
    if (keyType.endsWith("-cert-v01@openssh.com")) {
      problems.push(
        `${at} holds a host certificate (${keyType.slice(0, 60)}), which known_hosts never matches: trust the certificate's CA with "@cert-authority <hosts> <CA key type> <CA key>" or pin the host's plain key`,
      );
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
