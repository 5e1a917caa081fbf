import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runRender } from "../../render/cli";
import { FIXTURE_RELEASE_DIR } from "../../bench/fluxRelease";
import { projectRoot } from "../support/programHarness";

/** The corpus of adversarial stack files (see its README). */
const corpusDir = path.join(projectRoot, "test/fixtures/bad-stacks");

interface Case {
  readonly file: string;
  readonly stack: string;
  readonly manifests: "fixture" | "v2.9-controllers" | "none";
  readonly expect: RegExp;
  /** Text that must never be printed: `secure:` values and anything marked SENTINEL. */
  readonly secrets: string[];
}

/** Files that cannot carry a header. */
const headerless: Record<string, Omit<Case, "file" | "secrets">> = {
  "empty.yaml": { stack: "dev", manifests: "fixture", expect: /^Pulumi\.dev\.yaml: is empty; a stack file needs a `config:` map/ },
  "yaml-utf16.yaml": { stack: "dev", manifests: "fixture", expect: /^Pulumi\.dev\.yaml: is UTF-16 encoded; save it as UTF-8/ },
  "binary.yaml": { stack: "dev", manifests: "fixture", expect: /^Pulumi\.dev\.yaml: is not a text file \(it holds NUL bytes\)/ },
};

function loadCase(file: string): Case {
  const text = fs.readFileSync(path.join(corpusDir, file), "utf8");
  const header = (name: string) => new RegExp(`^# ${name}: (.*)$`, "m").exec(text)?.[1];
  const secrets = [...text.matchAll(/secure:\s*(\S+)/g), ...text.matchAll(/(?<![\w-])([\w-]*SENTINEL[\w-]*)/g)].map((m) => m[1]);
  const fixed = headerless[file];
  if (fixed) return { file, ...fixed, secrets };
  const expect = header("expect");
  assert.ok(expect, `${file} has an # expect: line`);
  return {
    file,
    stack: header("stack") ?? "dev",
    manifests: (header("manifests") ?? "fixture") as Case["manifests"],
    expect: new RegExp(expect, "m"),
    secrets,
  };
}

async function capture(argv: string[], projectDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { log, error } = console;
  console.log = (...args: unknown[]) => stdout.push(args.join(" "));
  console.error = (...args: unknown[]) => stderr.push(args.join(" "));
  try {
    return { code: await runRender(argv, projectDir), stdout: stdout.join("\n"), stderr: stderr.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** The fixture release with Flux v2.9's source- and kustomize-controller tags. */
function v29Controllers(root: string): string {
  const dir = path.join(root, "release-v2.9");
  fs.mkdirSync(dir);
  for (const name of fs.readdirSync(FIXTURE_RELEASE_DIR)) {
    const text = fs
      .readFileSync(path.join(FIXTURE_RELEASE_DIR, name), "utf8")
      .replace(/(source|kustomize)-controller:v1\.0\.0-fixture/g, "$1-controller:v1.9.1");
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function listAll(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe("render: the adversarial stack corpus (test/fixtures/bad-stacks)", () => {
  const files = fs
    .readdirSync(corpusDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  let scratch: string;
  let project: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bad-stacks-"));
    project = path.join(scratch, "project");
    fs.mkdirSync(project);
    fs.copyFileSync(path.join(projectRoot, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("covers every class of bad input the README promises to catch", () => {
    for (const prefix of [
      "path-",
      "repository-",
      "namespace-",
      "top-level-",
      "yaml-",
      "empty",
      "byo-",
      "secret-",
      "version-mismatch",
      "prod-open",
      "prod-documentation",
      "known-hosts-",
      "proto-key",
      "constructor-key",
      "prototype-key",
      "number-for-string",
    ]) {
      assert.ok(
        files.some((f) => f.startsWith(prefix)),
        `a ${prefix}* case`,
      );
    }
    assert.ok(files.length >= 40, `${files.length} files`);
  });

  for (const file of files) {
    it(`rejects ${file}: exit 2, names the key or file, no trace, no secret, nothing written`, async () => {
      const c = loadCase(file);
      fs.copyFileSync(path.join(corpusDir, file), path.join(project, `Pulumi.${c.stack}.yaml`));
      const out = path.join(scratch, "out");
      const before = listAll(scratch);
      const manifests =
        c.manifests === "fixture"
          ? ["--flux-manifests", FIXTURE_RELEASE_DIR]
          : c.manifests === "v2.9-controllers"
            ? ["--flux-manifests", v29Controllers(scratch)]
            : [];
      const result = await capture(["-s", c.stack, "--out", out, ...manifests], project);
      assert.equal(result.code, 2, `exit code; stderr:\n${result.stderr}`);
      assert.match(result.stderr, c.expect);
      assert.match(
        result.stderr,
        /(aks-flux-gitops|aks[-_]?flux[-_]?gitops?|Pulumi\.\w+\.yaml|--flux-manifests)/i,
        "names the key or file",
      );
      assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
      for (const secret of c.secrets) {
        assert.ok(!result.stderr.includes(secret) && !result.stdout.includes(secret), `${secret} is never printed`);
      }
      assert.ok(!fs.existsSync(out), "no output directory");
      const added = listAll(scratch).filter((p) => !before.includes(p) && !p.startsWith("release-v2.9"));
      assert.deepEqual(added, [], "no file written anywhere in the scratch tree");
    });
  }

  it("a real `npm run render` process: exit 2, the message, no stack trace", function () {
    fs.copyFileSync(path.join(corpusDir, "proto-key.yaml"), path.join(project, "Pulumi.dev.yaml"));
    fs.copyFileSync(path.join(projectRoot, "render/cli.ts"), path.join(project, "cli.ts"));
    const script = `require(${JSON.stringify(path.join(projectRoot, "render/cli.ts"))}).runRender(process.argv.slice(1), ${JSON.stringify(project)}).then((c) => { process.exitCode = c; })`;
    const result = spawnSync(
      process.execPath,
      ["-r", require.resolve("ts-node/register/transpile-only"), "-e", script, "--", "-s", "dev", "-o", path.join(scratch, "out")],
      { cwd: projectRoot, encoding: "utf8" },
    );
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /aks-flux-gitops:__proto__: is a key name JavaScript reserves/);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
    assert.ok(!fs.existsSync(path.join(scratch, "out")));
  });
});
