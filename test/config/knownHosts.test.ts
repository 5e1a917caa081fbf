import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hostsMatch, parseKnownHosts } from "../../config/knownHosts";
import { githubDotComHostKeys } from "../../generators/ssh/githubHostKeys";
import { requireTool, runTool } from "../support/realTools";
import { minimalValues, resolveValues } from "./fixtures";

const [ed25519, ecdsa, rsa] = githubDotComHostKeys;
const hashed = (host: string, salt = Buffer.alloc(20, 7)) =>
  `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(host).digest("base64")}`;
const ghe = (knownHosts: string) =>
  resolveValues("qa", { ...minimalValues(), github: { ...minimalValues().github, hostname: "ghe.acme.example", knownHosts } });

describe("config: github.knownHosts is read as OpenSSH reads known_hosts", () => {
  it("accepts hashed hosts, @cert-authority, wildcards, ports and comments", () => {
    for (const line of [
      `${hashed("ghe.acme.example")} ${ed25519.type} ${ed25519.key}`,
      `@cert-authority *.acme.example ${ecdsa.type} ${ecdsa.key} ca@acme`,
      `[ghe.acme.example]:2222,10.0.0.5 ${rsa.type} ${rsa.key}`,
      `# pinned 2026-12-01\nghe.acme.example ${ed25519.type} ${ed25519.key} comment`,
    ]) {
      assert.equal(ghe(line).github.knownHosts.trimEnd(), line, line);
    }
  });

  it("rejects lines for other hosts, revoked-only keys, unknown markers and malformed keys", () => {
    const cases: [string, RegExp][] = [
      [`${hashed("github.com")} ${ed25519.type} ${ed25519.key}`, /no line names ghe\.acme\.example/],
      [`!ghe.acme.example,*.acme.example ${ed25519.type} ${ed25519.key}`, /no line names ghe\.acme\.example/],
      [`@revoked ghe.acme.example ${ed25519.type} ${ed25519.key}`, /there is no host key line/],
      [`@trusted ghe.acme.example ${ed25519.type} ${ed25519.key}`, /line 1 has the unknown marker @trusted/],
      [
        `ghe.acme.example ${ecdsa.type.replace("256", "384")} ${ecdsa.key}`,
        /the key blob is a "ecdsa-sha2-nistp256" key, not ecdsa-sha2-nistp384/,
      ],
      [`ghe.acme.example ${ed25519.type} ${ed25519.key.slice(0, 40)}`, /line 1: the (key is not base64|ssh-ed25519 key is truncated)/],
      [`|1|abc ghe.acme.example ${ed25519.type} ${ed25519.key}`, /line 1 has the unknown key type "ghe\.acme\.example"/],
      ["ghe.acme.example ssh-bogus AAAA", /line 1 has the unknown key type "ssh-bogus"/],
    ];
    for (const [line, message] of cases) {
      assert.throws(
        () => ghe(line),
        (e: Error) => message.test(e.message) && /^aks-flux-gitops:github\.knownHosts: /.test(e.message),
        line,
      );
    }
  });

  it("matches hosts as ssh-keygen -F does (oracle)", function () {
    requireTool(this, "ssh-keygen");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "known-hosts-"));
    try {
      const file = path.join(dir, "known_hosts");
      fs.writeFileSync(file, `ghe.acme.example,other.example ${ed25519.type} ${ed25519.key}\n`);
      runTool("ssh-keygen", ["-H", "-f", file]);
      const text = fs.readFileSync(file, "utf8");
      const { lines, problems } = parseKnownHosts(text);
      assert.deepEqual(problems, []);
      assert.ok(
        lines.every((l) => l.hosts.startsWith("|1|")),
        "ssh-keygen hashed every host",
      );
      assert.ok(lines.some((l) => hostsMatch(l.hosts, "ghe.acme.example")));
      assert.ok(!lines.some((l) => hostsMatch(l.hosts, "github.com")));
      assert.match(runTool("ssh-keygen", ["-F", "ghe.acme.example", "-f", file]), /Host ghe\.acme\.example found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
