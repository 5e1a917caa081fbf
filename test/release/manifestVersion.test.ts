import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestsVersionProblem } from "../../release/manifestVersion";
import { FIXTURE_RELEASE_DIR, loadFixtureRelease, loadSharedRelease } from "../../bench/fluxRelease";
import { requireSharedFlux } from "../support/sharedFlux";
import { runProgram } from "../support/programHarness";

const withTags = (tag: string) => {
  const fixture = loadFixtureRelease("v2.9.0");
  const files = Object.fromEntries(
    Object.entries(fixture.files).map(([name, text]) => [
      name,
      String(text).replace(/(source|kustomize)-controller:v1\.0\.0-fixture/g, `$1-controller:${tag}`),
    ]),
  );
  return { version: "v2.9.0", files };
};

describe("release: local manifests must be the release flux.version names", () => {
  it("accepts controllers of the same minor release, rejects another one, passes tags it cannot read", () => {
    assert.equal(manifestsVersionProblem(withTags("v1.9.1"), "v2.9.0"), undefined);
    assert.equal(manifestsVersionProblem(withTags("v1.9.1"), "v2.9.4"), undefined);
    assert.equal(
      manifestsVersionProblem(withTags("v1.9.1"), "v2.8.0"),
      "hold source-controller v1.9.1, which ships with Flux v2.9, not v2.8.0",
    );
    assert.equal(
      manifestsVersionProblem(withTags("v1.7.0"), "v2.9.0"),
      "hold source-controller v1.7.0, which ships with Flux v2.7, not v2.9.0",
    );
    assert.equal(manifestsVersionProblem(loadFixtureRelease("v2.9.0"), "v2.8.0"), undefined, "fixture tags say nothing");
  });

  it("reads digest-pinned tags, and v1.N controllers belong to no Flux major but 2", () => {
    const digest = `@sha256:${"0".repeat(64)}`;
    assert.equal(
      manifestsVersionProblem(withTags(`v1.9.1${digest}`), "v2.8.0"),
      "hold source-controller v1.9.1, which ships with Flux v2.9, not v2.8.0",
    );
    assert.equal(manifestsVersionProblem(withTags(`v1.9.1${digest}`), "v2.9.0"), undefined);
    for (const version of ["v3.0.0", "v1.9.0"])
      assert.equal(
        manifestsVersionProblem(withTags("v1.9.1"), version),
        `hold source-controller v1.9.1, which ships with Flux v2.9, not ${version}`,
      );
  });

  it("reads the real Flux v2.9.0 release as v2.9 (../shared)", function () {
    requireSharedFlux(this, "manifests");
    const real = loadSharedRelease();
    assert.ok(real);
    assert.equal(manifestsVersionProblem(real, "v2.9.0"), undefined);
    assert.match(
      String(manifestsVersionProblem(real, "v2.8.0")),
      /source-controller v1\.9\.\d+, which ships with Flux v2\.9, not v2\.8\.0/,
    );
  });

  it("the program refuses flux.manifests of another release before registering anything", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifests-v29-"));
    try {
      for (const [name, text] of Object.entries(withTags("v1.9.1").files)) fs.writeFileSync(path.join(dir, name), text);
      assert.ok(fs.existsSync(FIXTURE_RELEASE_DIR));
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.flux = { ...v.flux, version: "v2.8.0", manifests: dir }) });
      assert.match(
        String(run.error?.message),
        /aks-flux-gitops:flux\.manifests\) hold source-controller v1\.9\.1, which ships with Flux v2\.9, not v2\.8\.0 \(aks-flux-gitops:flux\.version\)/,
      );
      assert.deepEqual(
        run.resources.filter((r) => r.custom),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
