import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectRoot } from "../support/programHarness";

/** scripts/up.sh against a fake `pulumi` that logs its calls (and knows no stack until `stack init`). */
describe("scripts/up.sh: the one-command deploy", () => {
  let bin: string;
  let log: string;
  beforeEach(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
    log = path.join(bin, "calls.log");
    fs.writeFileSync(
      path.join(bin, "pulumi"),
      [
        "#!/usr/bin/env bash",
        `echo "$* | passphrase=\${PULUMI_CONFIG_PASSPHRASE:-} | stdin=$( [ "$2" = set ] && cat | tr '\\n' ' ' | head -c 40 )" >> ${JSON.stringify(log)}`,
        `if [ "$1 $2" = "stack select" ] && [ ! -f ${JSON.stringify(path.join(bin, "created"))} ]; then exit 255; fi`,
        `if [ "$1 $2" = "stack init" ]; then touch ${JSON.stringify(path.join(bin, "created"))}; fi`,
        "exit 0",
      ].join("\n"),
      { mode: 0o755 },
    );
  });
  afterEach(() => fs.rmSync(bin, { recursive: true, force: true }));

  const up = (args: string[], env: Record<string, string | undefined> = {}) =>
    spawnSync("bash", [path.join(projectRoot, "scripts/up.sh"), ...args], {
      encoding: "utf8",
      input: "",
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        GITHUB_TOKEN: "ghp_test",
        PULUMI_CONFIG_PASSPHRASE: "correct horse",
        ...env,
      },
    });
  const calls = () => fs.readFileSync(log, "utf8").trim().split("\n");

  it("creates the stack with the passphrase provider the first time, then runs pulumi up", () => {
    const result = up(["dev", "--yes"]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      calls().map((c) => c.split(" | ")[0]),
      ["stack select dev", "stack init dev --secrets-provider passphrase", "up -s dev --yes"],
    );
    assert.ok(
      calls().every((c) => c.includes("passphrase=correct horse")),
      "the passphrase reaches every pulumi command",
    );
  });

  it("selects an existing stack and stores --kubeconfig as a secret", () => {
    fs.writeFileSync(path.join(bin, "created"), "");
    const kubeconfig = path.join(bin, "kind.kubeconfig");
    fs.writeFileSync(kubeconfig, "apiVersion: v1\nkind: Config\n");
    const result = up(["dev", "--kubeconfig", kubeconfig]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      calls().map((c) => c.split(" | ")[0]),
      ["stack select dev", "config set --secret --path cluster.existingKubeconfig -s dev", "up -s dev"],
    );
    assert.match(calls()[1], /stdin=apiVersion: v1/, "the kubeconfig goes through stdin, never the command line");
  });

  it("refuses, with the fix and exit 2, a missing stack file, token or passphrase", () => {
    const noFile = up(["nope"]);
    assert.equal(noFile.status, 2);
    assert.match(noFile.stderr, /no Pulumi\.nope\.yaml here: copy Pulumi\.dev\.yaml to Pulumi\.nope\.yaml and edit it/);
    const noToken = up(["dev"], { GITHUB_TOKEN: "" });
    assert.equal(noToken.status, 2);
    assert.match(noToken.stderr, /GITHUB_TOKEN is not set: .*gh auth token/);
    const noPassphrase = up(["dev"], { PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: undefined });
    assert.equal(noPassphrase.status, 2);
    assert.match(noPassphrase.stderr, /set PULUMI_CONFIG_PASSPHRASE/);
    assert.ok(!fs.existsSync(log), "pulumi was never called");
    assert.equal(up(["--help"]).status, 0);
  });
});
