import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseKnownHosts } from "../../config/knownHosts";
import { requireTool, runTool } from "../support/realTools";
import { minimalValues, resolveValues } from "./fixtures";
import { badCases, blob, goodCases, mpint } from "./sshKeyBlobCases";

const hashed = (host: string, salt = Buffer.alloc(20, 9)) =>
  `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(host).digest("base64")}`;
const ghe = (knownHosts: string) =>
  resolveValues("qa", { ...minimalValues(), github: { ...minimalValues().github, hostname: "ghe.acme.example", knownHosts } });
const problemsOf = (line: string) => parseKnownHosts(line).problems;

/** Differences from `ssh-keygen -l` on purpose: keys Flux's Go reader refuses, and certificates, which known_hosts never matches. */
const stricterThanSshKeygen = /Flux's SSH library \(golang\.org\/x\/crypto\/ssh\)|holds a host certificate/;

describe("config: github.knownHosts key material is checked as ssh-keygen and Flux read it", () => {
  it("accepts every well-formed key of each type, in every host form", () => {
    for (const c of goodCases) {
      for (const line of [
        `ghe.acme.example ${c.type} ${c.key}`,
        `${hashed("ghe.acme.example")} ${c.type} ${c.key}`,
        `@cert-authority *.acme.example ${c.type} ${c.key} ca@acme`,
        `@revoked old.acme.example ${c.type} ${c.key}`,
        `[ghe.acme.example]:2222,10.0.0.?,!evil.acme.example ${c.type} ${c.key} a comment`,
      ])
        assert.deepEqual(problemsOf(line), [], `${c.name}: ${line.slice(0, 80)}`);
    }
  });

  for (const c of badCases) {
    it(`refuses ${c.name}`, () => {
      const text = `# pinned\nghe.acme.example ${goodCases[0].type} ${goodCases[0].key}\nghe.acme.example ${c.type} ${c.key}\n`;
      const problems = problemsOf(text);
      assert.equal(problems.length, 1, `one problem: ${JSON.stringify(problems)}`);
      assert.match(problems[0], /^line 3: /);
      assert.match(problems[0], c.reject as RegExp);
      assert.ok(!problems[0].includes(c.key), "the message does not repeat the key");
    });
  }

  it("refuses host certificates with the @cert-authority fix", () => {
    const [problem] = problemsOf(`ghe.acme.example ssh-ed25519-cert-v01@openssh.com ${goodCases[0].key}`);
    assert.match(problem, /^line 1 holds a host certificate \(ssh-ed25519-cert-v01@openssh\.com\), which known_hosts never matches/);
    assert.match(problem, /@cert-authority <hosts> <CA key type> <CA key>/);
  });

  it("names the key, the line, the reason and the fix, and never the whole of a huge blob", () => {
    const huge = blob("ssh-rsa", mpint(65537n), mpint(2n ** 20000n + 1n));
    assert.ok(huge.length > 3000);
    assert.throws(
      () => ghe(`ghe.acme.example ssh-ed25519 ${goodCases[0].key}\nghe.acme.example ssh-rsa ${huge}`),
      (e: Error) => {
        assert.match(e.message, /^aks-flux-gitops:github\.knownHosts: /);
        assert.match(e.message, /line 2: the ssh-rsa key's modulus is over 16384 bits; use `ssh-keyscan ghe\.acme\.example` output/);
        assert.ok(e.message.length < 600, `message of ${e.message.length} characters`);
        assert.ok(!e.message.includes(huge.slice(200, 260)), "the blob is not repeated");
        return true;
      },
    );
  });

  it("gives the verdict ssh-keygen -l gives, for generated good and corrupted keys (oracle)", function () {
    requireTool(this, "ssh-keygen");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssh-key-blob-"));
    try {
      const lines = oracleLines(dir);
      const tally = { accepted: 0, rejected: 0, stricter: 0 };
      const mismatches: string[] = [];
      lines.forEach(({ line, name }, i) => {
        const file = path.join(dir, `line${i}`);
        // ssh-keygen -l reads known_hosts lines but not their markers: it judges the key of "<host> <type> <key>".
        fs.writeFileSync(file, `${line.replace(/^@(cert-authority|revoked) /, "")}\n`);
        const run = spawnSync("ssh-keygen", ["-l", "-f", file], { encoding: "utf8" });
        const theirs = run.status === 0 && /SHA256:/.test(run.stdout);
        const problems = problemsOf(line);
        const ours = problems.length === 0;
        if (ours === theirs) tally[ours ? "accepted" : "rejected"]++;
        else if (!ours && theirs && stricterThanSshKeygen.test(problems[0])) tally.stricter++;
        else mismatches.push(`${name}: ssh-keygen ${theirs ? "accepts" : "rejects"}, we ${ours ? "accept" : `reject (${problems[0]})`}`);
      });
      console.log(
        `      oracle: ${lines.length} lines, ${tally.accepted} accepted and ${tally.rejected} refused by both, ${tally.stricter} refused for Flux`,
      );
      assert.deepEqual(mismatches, []);
      assert.ok(tally.accepted > 20 && tally.rejected > 40, JSON.stringify(tally));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The table's keys, keys ssh-keygen makes (and a host certificate), and each with deterministic one-byte corruptions and cuts. */
function oracleLines(dir: string): { line: string; name: string }[] {
  const keys = [...goodCases, ...badCases].map((c) => ({ name: c.name, type: c.type, key: c.key }));
  for (const [type, bits] of [
    ["rsa", "1024"],
    ["rsa", "2048"],
    ["dsa", "1024"],
    ["ecdsa", "256"],
    ["ecdsa", "384"],
    ["ecdsa", "521"],
    ["ed25519", "256"],
  ]) {
    const file = path.join(dir, `id_${type}_${bits}`);
    runTool("ssh-keygen", ["-q", "-t", type, "-b", bits, "-N", "", "-C", "oracle", "-f", file]);
    const [keyType, key] = fs.readFileSync(`${file}.pub`, "utf8").split(" ");
    keys.push({ name: `ssh-keygen -t ${type} -b ${bits}`, type: keyType, key });
  }
  runTool("ssh-keygen", [
    "-q",
    "-s",
    path.join(dir, "id_ed25519_256"),
    "-I",
    "host",
    "-h",
    "-n",
    "github.com",
    path.join(dir, "id_ecdsa_256.pub"),
  ]);
  const [certType, cert] = fs.readFileSync(path.join(dir, "id_ecdsa_256-cert.pub"), "utf8").split(" ");
  keys.push({ name: "a host certificate", type: certType, key: cert });

  const lines = keys.map((k) => ({ name: k.name, line: `github.com ${k.type} ${k.key}` }));
  const good = goodCases[0];
  lines.push(
    { name: "hashed host", line: `${hashed("github.com")} ${good.type} ${good.key}` },
    { name: "@cert-authority", line: `@cert-authority *.github.com ${good.type} ${good.key} ca` },
    { name: "@revoked", line: `@revoked github.com ${good.type} ${good.key}` },
    { name: "ports, wildcards, comment", line: `[github.com]:443,*.github.com,!x.github.com ${good.type} ${good.key} a comment` },
  );
  let seed = 7;
  const next = (limit: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % limit;
  for (const k of keys.filter((k) => !k.name.startsWith("a host certificate"))) {
    const bytes = Buffer.from(k.key, "base64");
    if (problemsOf(`github.com ${k.type} ${k.key}`).length > 0) continue;
    for (let i = 0; i < 8; i++) {
      const corrupt = Buffer.from(bytes);
      const at = i < 3 ? next(Math.min(24, bytes.length)) : next(bytes.length);
      corrupt[at] ^= 1 + next(255);
      lines.push({ name: `${k.name}, byte ${at} changed`, line: `github.com ${k.type} ${corrupt.toString("base64")}` });
    }
    const cut = 4 + next(bytes.length - 4);
    lines.push({ name: `${k.name}, cut at ${cut}`, line: `github.com ${k.type} ${bytes.subarray(0, cut).toString("base64")}` });
    lines.push({
      name: `${k.name}, 2 bytes appended`,
      line: `github.com ${k.type} ${Buffer.concat([bytes, Buffer.alloc(2)]).toString("base64")}`,
    });
  }
  return lines;
}
