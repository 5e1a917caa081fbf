import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeCachedTarball } from "../../release/manifestCache";
import { runRender } from "../../render/cli";
import { createHash } from "node:crypto";
import { SHARED_FLUX_DIR } from "../../bench/fluxRelease";
import { projectRoot } from "../support/programHarness";
import { requireSharedFlux } from "../support/sharedFlux";

function tree(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name), "utf8")]),
  );
}

/** docs/promotion.md, "What you can check offline", run as written with no network and a warm cache. */
describe("docs/promotion.md: the offline promotion check", () => {
  let scratch: string | undefined;
  const saved = { cache: process.env.XDG_CACHE_HOME, fetch: globalThis.fetch, error: console.error, log: console.log };
  beforeEach(async function () {
    // The cache holds only what the release lock vouches for: the real v2.9.0 tarball.
    requireSharedFlux(this, "manifests.tar.gz");
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "promotion-"));
    process.env.XDG_CACHE_HOME = path.join(scratch, "cache");
    const tarball = fs.readFileSync(path.join(SHARED_FLUX_DIR, "manifests.tar.gz"));
    await writeCachedTarball(
      path.join(scratch, "cache", "aks-flux-gitops"),
      "v2.9.0",
      createHash("sha256").update(tarball).digest("hex"),
      tarball,
    );
    globalThis.fetch = (async () => {
      throw new TypeError("fetch failed: offline");
    }) as typeof fetch;
    console.log = () => undefined;
  });
  afterEach(() => {
    if (scratch === undefined) return;
    globalThis.fetch = saved.fetch;
    console.error = saved.error;
    console.log = saved.log;
    if (saved.cache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved.cache;
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("renders before and after a promotion offline; only clusters/staging/apps.yaml differs", async () => {
    const root = scratch as string;
    const project = path.join(root, "project");
    fs.mkdirSync(project);
    for (const file of ["Pulumi.yaml", "Pulumi.staging.yaml"]) fs.copyFileSync(path.join(projectRoot, file), path.join(project, file));
    const errors: string[] = [];
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    const before = path.join(root, "before");
    const after = path.join(root, "after");
    assert.equal(await runRender(["--stack", "staging", "--out", before], project), 0, errors.join("\n"));
    const stackFile = path.join(project, "Pulumi.staging.yaml");
    const text = fs.readFileSync(stackFile, "utf8");
    assert.match(text, /tag: staging-v1\.4\.0/, "the recipe's sed finds its line");
    fs.writeFileSync(stackFile, text.replace("tag: staging-v1.4.0", "tag: staging-v1.5.0"));
    assert.equal(await runRender(["--stack", "staging", "--out", after], project), 0, errors.join("\n"));
    const [a, b] = [tree(before), tree(after)];
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    const changed = [...a.keys()].filter((file) => a.get(file) !== b.get(file));
    assert.deepEqual(changed, ["repos/fleet-infra/clusters/staging/apps.yaml"]);
    assert.match(b.get("repos/fleet-infra/clusters/staging/apps.yaml") as string, /tag: staging-v1\.5\.0/);
  });
});
