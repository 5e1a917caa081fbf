import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runRender } from "../../render/cli";
import { FIXTURE_RELEASE_DIR } from "../../bench/fluxRelease";
import { projectRoot } from "../support/programHarness";

interface Captured {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function render(argv: string[], projectDir = projectRoot): Promise<Captured> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...args: unknown[]) => stdout.push(args.join(" "));
  console.error = (...args: unknown[]) => stderr.push(args.join(" "));
  try {
    return { code: await runRender(argv, projectDir), stdout, stderr };
  } finally {
    console.log = log;
    console.error = error;
  }
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("render CLI", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const stack of ["dev", "staging", "prod"]) {
    it(`${stack}: writes every repository file and cluster object, exit 0`, async () => {
      const out = path.join(tmp, "out");
      const result = await render(["--stack", stack, "--out", out, "--flux-manifests", FIXTURE_RELEASE_DIR]);
      assert.equal(result.code, 0, result.stderr.join("\n"));
      const files = listFiles(out);
      for (const expected of [
        `repos/fleet-infra/clusters/${stack}/flux-system/gotk-components.yaml`,
        `repos/fleet-infra/clusters/${stack}/flux-system/gotk-sync.yaml`,
        `repos/fleet-infra/clusters/${stack}/flux-system/kustomization.yaml`,
        `repos/fleet-infra/clusters/${stack}/infrastructure.yaml`,
        `repos/fleet-infra/clusters/${stack}/apps.yaml`,
        `repos/fleet-infra/clusters/${stack}/cluster-settings.yaml`,
        `repos/fleet-infra/infrastructure/overlays/${stack}/.sops.yaml`,
        `repos/fleet-apps/apps/overlays/${stack}/.sops.yaml`,
        "cluster/namespace-cluster-flux-system.yaml",
        "cluster/secret-flux-system-flux-system.yaml",
        "cluster/secret-flux-system-apps-deploy-key.yaml",
        "cluster/secret-flux-system-sops-age.yaml",
        "cluster/gitrepository-flux-system-flux-system.yaml",
        "cluster/kustomization-flux-system-flux-system.yaml",
      ]) {
        assert.ok(files.includes(expected), `${expected} in\n${files.join("\n")}`);
      }
      assert.match(result.stdout.join("\n"), /rendered/);
    });
  }

  it("redacts secret values but keeps keys, known_hosts and readable placeholders", async () => {
    const out = path.join(tmp, "out");
    assert.equal((await render(["--stack", "dev", "--out", out, "--flux-manifests", FIXTURE_RELEASE_DIR])).code, 0);
    const secret = fs.readFileSync(path.join(out, "cluster/secret-flux-system-flux-system.yaml"), "utf8");
    assert.match(secret, /identity: <redacted>\n/);
    assert.match(secret, /identity\.pub: '<unknown until deploy: infra deploy key public key>'/);
    assert.match(secret, /known_hosts: \|-\n    github\.com ssh-ed25519 AAAA/);
    assert.match(fs.readFileSync(path.join(out, "cluster/secret-flux-system-sops-age.yaml"), "utf8"), /age\.agekey: <redacted>/);
    assert.match(
      fs.readFileSync(path.join(out, "repos/fleet-infra/infrastructure/overlays/dev/.sops.yaml"), "utf8"),
      /age: '<unknown until deploy: sops age recipient>'/,
    );
    for (const file of listFiles(out))
      assert.doesNotMatch(fs.readFileSync(path.join(out, file), "utf8"), /PRIVATE KEY|AGE-SECRET-KEY/, file);
  });

  it("is deterministic: rendering twice gives identical bytes", async () => {
    const a = path.join(tmp, "a");
    const b = path.join(tmp, "b");
    await render(["--stack", "prod", "--out", a, "--flux-manifests", FIXTURE_RELEASE_DIR]);
    await render(["--stack", "prod", "--out", b, "--flux-manifests", FIXTURE_RELEASE_DIR]);
    assert.deepEqual(listFiles(a), listFiles(b));
    for (const file of listFiles(a)) assert.ok(fs.readFileSync(path.join(a, file)).equals(fs.readFileSync(path.join(b, file))), file);
  });

  it("replaces a previous render (one it marked) instead of leaving stale files", async () => {
    const out = path.join(tmp, "out");
    assert.equal((await render(["--stack", "dev", "--out", out, "--flux-manifests", FIXTURE_RELEASE_DIR])).code, 0);
    assert.ok(fs.existsSync(path.join(out, ".aks-flux-gitops-render")), "marks its output");
    fs.mkdirSync(path.join(out, "repos/fleet-infra/clusters/old"), { recursive: true });
    fs.writeFileSync(path.join(out, "repos/fleet-infra/clusters/old/stale.yaml"), "stale");
    fs.writeFileSync(path.join(out, "notes.txt"), "mine");
    assert.equal((await render(["--stack", "dev", "--out", out, "--flux-manifests", FIXTURE_RELEASE_DIR])).code, 0);
    assert.ok(!fs.existsSync(path.join(out, "repos/fleet-infra/clusters/old/stale.yaml")));
    assert.equal(fs.readFileSync(path.join(out, "notes.txt"), "utf8"), "mine", "only repos/ and cluster/ are replaced");
  });

  it("rejects a non-empty --out it did not write: deletes and writes nothing (exit 2)", async () => {
    const out = path.join(tmp, "mine");
    fs.mkdirSync(path.join(out, "repos"), { recursive: true });
    fs.writeFileSync(path.join(out, "repos/keep.txt"), "keep");
    const result = await render(["--stack", "dev", "--out", out, "--flux-manifests", FIXTURE_RELEASE_DIR]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr.join("\n"),
      /--out .*mine is not empty and holds no \.aks-flux-gitops-render .*choose a new or empty directory/,
    );
    assert.deepEqual(listFiles(out), ["repos/keep.txt"]);
  });

  it("exits 2 on a malformed stack file, one line per problem naming its key", async () => {
    fs.copyFileSync(path.join(projectRoot, "Pulumi.yaml"), path.join(tmp, "Pulumi.yaml"));
    fs.writeFileSync(
      path.join(tmp, "Pulumi.broken.yaml"),
      'config:\n  aks-flux-gitops:environment: broken\n  aks-flux-gitops:azure:\n    location: mars\n  aks-flux-gitops:github:\n    owner: acme\n    infraRepository: fleet\n  aks-flux-gitops:cluster:\n    authorizedIpRanges: ["52.174.0.0/24"]\n  aks-flux-gitops:flux:\n    version: "2.9"\n    logLevel: loud\n',
    );
    const result = await render(["--stack", "broken", "--out", path.join(tmp, "out"), "--flux-manifests", FIXTURE_RELEASE_DIR], tmp);
    assert.equal(result.code, 2);
    assert.deepEqual(result.stderr.map((line) => line.split(":").slice(0, 2).join(":").split(" ")[0]).sort(), [
      "aks-flux-gitops:azure.location",
      "aks-flux-gitops:flux.logLevel",
      "aks-flux-gitops:flux.version",
    ]);
    assert.ok(!fs.existsSync(path.join(tmp, "out")), "nothing written");
  });

  it("exits 2 with a one-line reason on a bad argument, stack name or manifests path", async () => {
    const missingStack = await render(["--stack", "nope", "--out", path.join(tmp, "out")]);
    assert.equal(missingStack.code, 2);
    assert.deepEqual(missingStack.stderr, [
      `render: no stack file Pulumi.nope.yaml in ${projectRoot}; check --stack, or create it (copy Pulumi.dev.yaml) to add the nope environment`,
    ]);
    const badManifests = await render([
      "--stack",
      "dev",
      "--out",
      path.join(tmp, "out"),
      "--flux-manifests",
      path.join(tmp, "missing.tar.gz"),
    ]);
    assert.equal(badManifests.code, 2);
    assert.equal(badManifests.stderr.length, 1);
    assert.match(badManifests.stderr[0], /^render: --flux-manifests .*missing\.tar\.gz/);
    assert.match(
      badManifests.stderr[0],
      /; set --flux-manifests to a directory holding the files of Flux's manifests\.tar\.gz, or to that tarball$/,
    );
    assert.doesNotMatch(badManifests.stderr[0], /aks-flux-gitops:flux\.manifests/, "names a key the user did not set");
    const broken = path.join(tmp, "broken-release");
    fs.cpSync(FIXTURE_RELEASE_DIR, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, "source-controller.yaml"), "kind: [Deployment\n");
    const notYaml = await render(["--stack", "dev", "--out", path.join(tmp, "out"), "--flux-manifests", broken]);
    assert.equal(notYaml.code, 2, notYaml.stderr.join("\n"));
    assert.match(
      notYaml.stderr.join("\n"),
      /^render: the Flux manifests at .*broken-release \(--flux-manifests\) hold source-controller\.yaml, which is not valid YAML/,
    );
    assert.ok(!fs.existsSync(path.join(tmp, "out")));
    for (const argv of [
      ["--stack"],
      ["--stak", "dev"],
      ["--stack", "dev"],
      ["--stack", "dev", "--out", "x", "extra"],
      ["--stack", "../dev", "--out", "x"],
    ]) {
      const badArgs = await render(argv);
      assert.equal(badArgs.code, 2, argv.join(" "));
      assert.equal(badArgs.stderr.length, 1);
      assert.match(badArgs.stderr[0], /usage: npm run render -- --stack <name> --out <dir>/);
    }
    assert.ok(!fs.existsSync(path.join(tmp, "out")));
  });

  it("takes -s, -o, --stack=value and --help", async () => {
    const help = await render(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout.join("\n"), /-s, --stack <name>[\s\S]*--flux-manifests[\s\S]*Exit codes: 0 rendered; 2 bad input/);
    const out = path.join(tmp, "short");
    const short = await render(["-s", "dev", `--out=${out}`, `--flux-manifests=${FIXTURE_RELEASE_DIR}`]);
    assert.equal(short.code, 0, short.stderr.join("\n"));
    assert.ok(listFiles(out).includes("repos/fleet-infra/clusters/dev/apps.yaml"));
  });

  it("names --flux-manifests and the cache when the release cannot be downloaded", async () => {
    const previous = process.env.XDG_CACHE_HOME;
    const originalFetch = globalThis.fetch;
    process.env.XDG_CACHE_HOME = path.join(tmp, "cache");
    globalThis.fetch = (async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND github.com"), { code: "ENOTFOUND" }) });
    }) as typeof fetch;
    try {
      const result = await render(["--stack", "dev", "--out", path.join(tmp, "out")]);
      assert.equal(result.code, 1);
      const failure = result.stderr[result.stderr.length - 1];
      for (const line of result.stderr.slice(0, -1))
        assert.match(line, /^warning: GET .* failed .*retrying/, "only retry warnings before the failure");
      assert.doesNotMatch(failure, /check aks-flux-gitops:flux\.version/, "a network failure is not a version problem");
      assert.match(
        failure,
        /ENOTFOUND.*Offline\? Pass --flux-manifests <dir or manifests\.tar\.gz>.*cached under .*cache\/aks-flux-gitops\/flux\/v2\.9\.0/,
      );
      assert.ok(!fs.existsSync(path.join(tmp, "out")));
    } finally {
      globalThis.fetch = originalFetch;
      if (previous === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = previous;
    }
  });

  it("is what `npm run render` runs: a real process with real exit codes", () => {
    const result = spawnSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin-transpile.js"), "render/cli.ts", "--stack", "nope", "--out", path.join(tmp, "out")],
      { cwd: projectRoot, encoding: "utf8" },
    );
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /no stack file Pulumi\.nope\.yaml/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts.render,
      "ts-node --transpile-only render/cli.ts",
    );
  });
});
