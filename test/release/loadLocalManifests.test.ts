import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadLocalManifests } from "../../release/loadLocalManifests";
import {
  FLUX_FILE_NAMES,
  REAL_FLUX_DIR,
  fixtureFiles,
  fixtureTarball,
  makeTempDir,
  rejectsWithReleaseError,
  requireRealFluxRelease,
  sha256,
} from "../support/fakeRelease";

describe("release/loadLocalManifests", () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loads the top-level YAML files of a directory", async () => {
    for (const [name, content] of Object.entries(fixtureFiles())) fs.writeFileSync(path.join(dir, name), content);
    fs.writeFileSync(path.join(dir, "README.md"), "not a manifest");
    fs.mkdirSync(path.join(dir, "nested.yaml"));

    const manifests = await loadLocalManifests(dir, "v2.9.0");
    assert.deepEqual(manifests, { version: "v2.9.0", files: fixtureFiles() });
  });

  it("loads a .tar.gz, checking expectedSha256 when given", async () => {
    const tarball = fixtureTarball();
    const file = path.join(dir, "manifests.tar.gz");
    fs.writeFileSync(file, tarball);

    assert.deepEqual(await loadLocalManifests(file, "v2.9.0"), { version: "v2.9.0", files: fixtureFiles() });
    const pinned = await loadLocalManifests(file, "v2.9.0", { expectedSha256: sha256(tarball).toUpperCase() });
    assert.deepEqual(Object.keys(pinned.files), [...FLUX_FILE_NAMES]);
  });

  it("rejects a local tarball whose sha256 differs from expectedSha256", async () => {
    const file = path.join(dir, "manifests.tar.gz");
    fs.writeFileSync(file, fixtureTarball());
    await rejectsWithReleaseError(
      loadLocalManifests(file, "v2.9.0", { expectedSha256: "0".repeat(64) }),
      /manifests in .*manifests\.tar\.gz \(aks-flux-gitops:flux\.manifests\) have sha256 [0-9a-f]{64}/,
      /aks-flux-gitops:flux\.manifestsSha256 expects 0{64}/,
    );
  });

  it("rejects a missing path, naming it and the config key", async () => {
    const missing = path.join(dir, "nope");
    await rejectsWithReleaseError(
      loadLocalManifests(missing, "v2.9.0"),
      new RegExp(`could not read Flux v2\\.9\\.0 manifests from ${missing} \\(aks-flux-gitops:flux\\.manifests\\): ENOENT`),
      /set aks-flux-gitops:flux\.manifests to a directory/,
    );
  });

  it("rejects a file that is not a .tar.gz", async () => {
    const file = path.join(dir, "install.yaml");
    fs.writeFileSync(file, "kind: List\n");
    await rejectsWithReleaseError(loadLocalManifests(file, "v2.9.0"), /neither a directory nor a \.tar\.gz file/);
  });

  it("rejects a corrupt local tarball", async () => {
    const file = path.join(dir, "manifests.tgz");
    fs.writeFileSync(file, fixtureTarball().subarray(0, 100));
    await rejectsWithReleaseError(loadLocalManifests(file, "v2.9.0"), /manifests\.tgz .*: not a valid gzip stream/);
  });

  it("loads the real Flux v2.9.0 tarball to the same contents as its unpacked files", async function () {
    requireRealFluxRelease(this);
    const fromTarball = await loadLocalManifests(path.join(REAL_FLUX_DIR, "manifests.tar.gz"), "v2.9.0");
    const fromDirectory = await loadLocalManifests(path.join(REAL_FLUX_DIR, "manifests"), "v2.9.0");
    assert.deepEqual(Object.keys(fromTarball.files), [...FLUX_FILE_NAMES]);
    assert.deepEqual(fromTarball, fromDirectory);
    for (const name of FLUX_FILE_NAMES) {
      assert.equal(fromTarball.files[name], fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests", name), "utf8"), name);
    }
  });
});
