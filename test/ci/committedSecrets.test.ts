import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { projectRoot } from "../support/programHarness";

/** Shapes of real credentials this project handles; a match in a committed file is a leak. */
const credentialShapes: readonly [what: string, pattern: RegExp][] = [
  ["a fine-grained GitHub token", /github_pat_[A-Za-z0-9_]{40,}/],
  ["a classic GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ["a PEM private key body", /-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----\r?\n[A-Za-z0-9+/]{40}/],
  ["an age secret key", /AGE-SECRET-KEY-1[0-9A-Z]{58}/],
  ["a Slack incoming webhook", /hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}/],
  ["a Teams connector webhook", /webhook\.office\.com\/webhookb2\/[0-9a-f]{8}-[0-9a-f]{4}-/],
  ["a Teams workflow webhook signature", /logic\.azure\.com[^\s"']*[?&]sig=[A-Za-z0-9%_-]{20,}/],
];

/** Keys whose values must only ever be committed encrypted (`secure:`) in a stack file. */
const secretKeys: readonly string[][] = [
  ["cluster", "existingKubeconfig"],
  ["notifications", "githubToken"],
  ["notifications", "githubApp", "privateKey"],
  ["notifications", "chat", "address"],
];

function committedFiles(): string[] {
  const listed = spawnSync("git", ["ls-files", "-z"], { cwd: projectRoot, encoding: "utf8" });
  if (listed.status === 0) return listed.stdout.split("\0").filter((f) => f !== "" && fs.existsSync(path.join(projectRoot, f)));
  // Not a Git checkout (an unpacked archive): every file outside dependencies and build output.
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(projectRoot, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", ".git", "bin", "out"].includes(entry.name)) walk(rel);
      } else files.push(rel);
    }
  };
  walk("");
  return files;
}

describe("committed files hold no credentials", () => {
  const files = committedFiles();

  it("finds the project's files to scan", () => {
    assert.ok(files.includes("program.ts") && files.includes("Pulumi.prod.yaml"), `${files.length} files`);
  });

  it("has no token, private key, age key or chat webhook address in any committed file", () => {
    const leaks: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(projectRoot, file), "utf8");
      for (const [what, pattern] of credentialShapes) if (pattern.test(text)) leaks.push(`${file}: ${what}`);
    }
    assert.deepEqual(leaks, []);
  });

  it("detects each credential shape (the scan can fail)", () => {
    const samples = [
      `github_pat_${"A1".repeat(30)}`,
      `ghp_${"a".repeat(36)}`,
      `-----BEGIN EC PRIVATE KEY-----\n${"M".repeat(64)}`,
      `AGE-SECRET-KEY-1${"Q".repeat(58)}`,
      // Assembled at run time, so this file does not hold what it scans for.
      ["https://hooks.slack.com/services", "T0000000", "B0000000", "abcdefghijklmnopqrstuvwx"].join("/"),
      ["https://acme.webhook.office.com/webhookb2", "0f1e2d3c-aaaa-bbbb"].join("/"),
      [
        "https://prod-01.westeurope.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke?api-version=2016-06-01",
        "sig=abcdefghijklmnopqrstuvwxyz",
      ].join("&"),
    ];
    assert.deepEqual(
      samples.map((s, i) => credentialShapes[i][1].test(s)),
      samples.map(() => true),
    );
  });

  it("keeps every secret key of every stack file encrypted", () => {
    for (const file of files.filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))) {
      const config =
        (parseYaml(fs.readFileSync(path.join(projectRoot, file), "utf8")) as { config?: Record<string, unknown> }).config ?? {};
      for (const [section, ...rest] of secretKeys) {
        let value: unknown = config[`aks-flux-gitops:${section}`];
        for (const key of rest) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
        if (value === undefined) continue;
        assert.ok(
          value !== null && typeof value === "object" && "secure" in value,
          `${file}: aks-flux-gitops:${[section, ...rest].join(".")} must be set with --secret`,
        );
      }
    }
  });
});
