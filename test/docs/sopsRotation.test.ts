import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { placeholderFacts } from "../../plan/deployFacts";
import { planEnvironment } from "../../plan/environmentPlan";
import { loadFixtureRelease } from "../../bench/fluxRelease";
import { projectRoot } from "../support/programHarness";
import { runTool, toolAvailable } from "../support/realTools";
import { stackConfig, writeTree } from "../render/renderSupport";

/** The rotation loop of docs/sops.md, exactly as the runbook prints it. */
function rotationLoop(): string {
  const doc = fs.readFileSync(path.join(projectRoot, "docs/sops.md"), "utf8");
  const match = /<!-- sops-rotation-loop[^>]*-->\n\s*```sh\n([\s\S]*?)\n\s*```/.exec(doc);
  assert.ok(match, "docs/sops.md has the marked rotation loop");
  return match[1]
    .split("\n")
    .map((line) => line.replace(/^ {3}/, ""))
    .join("\n");
}

/**
 * A sops stand-in for `updatekeys` that finds its configuration as sops does (getsops/sops
 * v3.13.2 cmd/sops/main.go findConfigFile -> config.LookupConfigFile("."): the current directory,
 * then its parents) and records which .sops.yaml it used for which file.
 */
const fakeSops = `#!/usr/bin/env bash
[ "$1" = updatekeys ] || { echo "fake sops: only updatekeys" >&2; exit 2; }
dir="$PWD"
while [ ! -f "$dir/.sops.yaml" ]; do
  [ "$dir" = / ] && { echo "config file not found" >&2; exit 1; }
  dir="$(dirname "$dir")"
done
echo "$PWD/$3 <- $dir/.sops.yaml" >> "$CALLS"
`;

/** The staging tree as the stack commits it (two repositories), plus encrypted files a team added. */
function renderedTree(root: string, recipient = "age1placeholder"): string[] {
  const cfg = stackConfig("staging");
  const plan = planEnvironment(cfg, { ...loadFixtureRelease(), version: cfg.flux.version });
  writeTree(
    root,
    plan.files.map((f) => ({
      path: path.join(f.repository, f.path),
      content: f.content({ ...placeholderFacts, sopsAgeRecipient: recipient }),
    })),
  );
  const encrypted = [
    "fleet-infra/infrastructure/overlays/staging/db.yaml",
    "fleet-infra/infrastructure/overlays/staging/monitoring/grafana-secret.yaml",
    "fleet-apps/apps/overlays/staging/shop/payments/api-key.yml",
  ];
  for (const file of encrypted) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), "apiVersion: v1\nkind: Secret\nstringData:\n  k: ENC[AES256_GCM,data:x]\nsops:\n  age: []\n");
  }
  fs.writeFileSync(path.join(root, "fleet-apps/apps/overlays/staging/shop/deployment.yaml"), "apiVersion: apps/v1\nkind: Deployment\n");
  return encrypted;
}

const bash = (script: string, cwd: string, env: Record<string, string>) =>
  spawnSync("bash", ["-c", script], { cwd, env: { ...process.env, ...env }, encoding: "utf8" });

describe("docs/sops.md: the age key rotation loop, against the rendered tree", () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sops-rotation-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("updates every encrypted file of both repositories with its environment's .sops.yaml, found from the file's directory", () => {
    const encrypted = renderedTree(tmp);
    fs.mkdirSync(path.join(tmp, "bin"));
    fs.writeFileSync(path.join(tmp, "bin/sops"), fakeSops, { mode: 0o755 });
    const calls = path.join(tmp, "calls.log");
    const result = bash(rotationLoop(), tmp, { PATH: `${tmp}/bin:${process.env.PATH}`, CALLS: calls });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /every file re-encrypted for staging/);
    const used = fs.readFileSync(calls, "utf8").trim().split("\n").sort();
    const configOf = (file: string) =>
      file.startsWith("fleet-infra")
        ? "fleet-infra/infrastructure/overlays/staging/.sops.yaml"
        : "fleet-apps/apps/overlays/staging/.sops.yaml";
    assert.deepEqual(used, encrypted.map((f) => `${tmp}/${f} <- ${tmp}/${configOf(f)}`).sort());
  });

  it("the old loop (sops from the repository root) found no .sops.yaml: the reason for the fix", () => {
    renderedTree(tmp);
    fs.mkdirSync(path.join(tmp, "bin"));
    fs.writeFileSync(path.join(tmp, "bin/sops"), fakeSops, { mode: 0o755 });
    const old = "cd fleet-infra && for f in $(grep -rl '^sops:' infrastructure/overlays/staging); do sops updatekeys --yes \"$f\"; done";
    const result = bash(old, tmp, { PATH: `${tmp}/bin:${process.env.PATH}`, CALLS: path.join(tmp, "calls.log") });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /config file not found/);
  });

  it("reports a file it could not update and does not claim success", () => {
    renderedTree(tmp);
    fs.mkdirSync(path.join(tmp, "bin"));
    fs.writeFileSync(path.join(tmp, "bin/sops"), '#!/usr/bin/env bash\ncase "$PWD" in *payments) exit 1 ;; esac\n', { mode: 0o755 });
    const result = bash(rotationLoop(), tmp, { PATH: `${tmp}/bin:${process.env.PATH}` });
    assert.match(result.stderr, /not re-encrypted: fleet-apps\/apps\/overlays\/staging\/shop\/payments\/api-key\.yml/);
    assert.doesNotMatch(result.stdout, /every file re-encrypted/);
  });

  // Real sops is not a Debian 12 package; this oracle is required under REQUIRE_REAL_TOOLS=1 only once .ci/run installs it.
  it("oracle (sops, age-keygen): after the loop, the new key decrypts what the old key encrypted", function () {
    const ciInstallsSops = /\bsops\b/.test(fs.readFileSync(path.join(projectRoot, ".ci/run"), "utf8"));
    for (const tool of ["sops", "age-keygen"]) {
      if (toolAvailable(tool)) continue;
      if (process.env.REQUIRE_REAL_TOOLS === "1" && ciInstallsSops)
        throw new Error(`real tool not on PATH: ${tool} (REQUIRE_REAL_TOOLS=1 and .ci/run installs sops)`);
      console.log(`      skipped: real tool not on PATH: ${tool}`);
      this.skip();
    }
    const key = (name: string) => {
      runTool("age-keygen", ["-o", path.join(tmp, name)]);
      return /# public key: (age1\S+)/.exec(fs.readFileSync(path.join(tmp, name), "utf8"))?.[1] as string;
    };
    const [oldRecipient, newRecipient] = [key("old.txt"), key("new.txt")];
    const root = path.join(tmp, "checkouts");
    renderedTree(root, oldRecipient);
    const secret = path.join(root, "fleet-apps/apps/overlays/staging/shop/payments/real.yaml");
    fs.writeFileSync(secret, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: real\nstringData:\n  password: s3cr3t\n");
    const enc = bash("sops --encrypt --in-place real.yaml", path.dirname(secret), {});
    assert.equal(enc.status, 0, enc.stderr);
    for (const f of ["fleet-infra/infrastructure/overlays/staging/.sops.yaml", "fleet-apps/apps/overlays/staging/.sops.yaml"]) {
      const file = path.join(root, f);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(oldRecipient, newRecipient));
    }
    for (const f of [
      "fleet-infra/infrastructure/overlays/staging/db.yaml",
      "fleet-infra/infrastructure/overlays/staging/monitoring/grafana-secret.yaml",
      "fleet-apps/apps/overlays/staging/shop/payments/api-key.yml",
    ])
      fs.rmSync(path.join(root, f));
    const result = bash(rotationLoop(), root, { SOPS_AGE_KEY_FILE: path.join(tmp, "old.txt") });
    assert.equal(result.status, 0, result.stderr);
    const dec = bash("sops --decrypt real.yaml", path.dirname(secret), { SOPS_AGE_KEY_FILE: path.join(tmp, "new.txt") });
    assert.equal(dec.status, 0, dec.stderr);
    assert.match(dec.stdout, /password: s3cr3t/);
  });
});
