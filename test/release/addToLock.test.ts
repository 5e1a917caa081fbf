import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { addReleaseToLock } from "../../release/addToLock";
import { readReleaseLock } from "../../release/releaseLock";
import { runLock } from "../../release/lockCli";
import {
  FakeRelease,
  Route,
  checksumsFile,
  fixtureTarball,
  makeTempDir,
  rejectsWithReleaseError,
  releaseRoutes,
  sha256,
  startFakeRelease,
} from "../support/fakeRelease";

describe("release/addToLock (npm run flux:lock)", () => {
  const tarball = fixtureTarball();
  let dir: string;
  let lockFile: string;
  let release: FakeRelease | undefined;
  const initial = { about: "kept", releases: { "v2.10.0": { sha256: "a".repeat(64), source: "s" } } };

  beforeEach(() => {
    dir = makeTempDir();
    lockFile = path.join(dir, "flux-lock.json");
    fs.writeFileSync(lockFile, `${JSON.stringify(initial, null, 2)}\n`);
  });
  afterEach(async () => {
    await release?.close();
    release = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const serve = async (routes: Record<string, Route>) => (release = await startFakeRelease(routes));
  const add = (version = "v2.9.1", replace = false) =>
    addReleaseToLock({ version, lockFile, baseUrl: release?.baseUrl, replace, retryDelayMs: 0, timeoutMs: 5_000 });
  const lockText = () => fs.readFileSync(lockFile, "utf8");

  it("records the digest the release's checksums file lists, in version order, keeping the rest", async () => {
    const server = await serve(releaseRoutes("v2.9.1", tarball));
    assert.deepEqual(await add(), { version: "v2.9.1", sha256: sha256(tarball), change: "added", previous: undefined });
    const written = JSON.parse(lockText());
    assert.equal(written.about, "kept");
    assert.deepEqual(Object.keys(written.releases), ["v2.9.1", "v2.10.0"]);
    assert.deepEqual(written.releases["v2.9.1"], {
      sha256: sha256(tarball),
      source: `${server.baseUrl}/download/v2.9.1/manifests.tar.gz, matching ${server.baseUrl}/download/v2.9.1/flux_2.9.1_checksums.txt`,
    });
    assert.equal(readReleaseLock(lockFile).releases["v2.9.1"].sha256, sha256(tarball));
    assert.deepEqual(await add(), { version: "v2.9.1", sha256: sha256(tarball), change: "unchanged" });
  });

  it("leaves the lock unchanged when the tarball does not match the checksums file", async () => {
    await serve(releaseRoutes("v2.9.1", tarball, checksumsFile(fixtureTarball({ "rbac.yaml": "other" }))));
    await rejectsWithReleaseError(
      add(),
      /has sha256 [0-9a-f]{64} but .*flux_2\.9\.1_checksums\.txt lists [0-9a-f]{64}; .*the lock is unchanged/,
    );
    assert.deepEqual(JSON.parse(lockText()), initial);
  });

  it("leaves the lock unchanged when the checksums file is missing or lists no tarball", async () => {
    await serve({
      ...releaseRoutes("v2.9.1", tarball),
      "/download/v2.9.1/flux_2.9.1_checksums.txt": { body: `${"ab".repeat(32)}  flux_2.9.1_linux_amd64.tar.gz\n` },
    });
    await rejectsWithReleaseError(add(), /lists no sha256 for manifests\.tar\.gz; the lock is unchanged/);
    await release?.close();
    await serve({ "/download/v2.9.1/manifests.tar.gz": { body: tarball } });
    await rejectsWithReleaseError(add(), /could not download .*checksums\.txt: HTTP 404 Not Found; the lock is unchanged/);
    assert.deepEqual(JSON.parse(lockText()), initial);
  });

  it("refuses a tarball that is not a Flux release even when its checksum matches", async () => {
    const notFlux = fixtureTarball({ "README.md": "x" });
    await serve(releaseRoutes("v2.9.1", notFlux));
    await rejectsWithReleaseError(
      add(),
      /is not a Flux release tarball: it lacks rbac\.yaml, policies\.yaml, source-controller\.yaml, kustomize-controller\.yaml/,
    );
  });

  it("refuses to change a recorded digest unless told to replace it", async () => {
    await serve(releaseRoutes("v2.10.0", tarball));
    await rejectsWithReleaseError(
      add("v2.10.0"),
      /records a{64} for Flux v2\.10\.0 but .* now lists [0-9a-f]{64}; a published release should never change/,
    );
    assert.deepEqual(JSON.parse(lockText()), initial);
    assert.equal((await add("v2.10.0", true)).change, "replaced");
    assert.equal(JSON.parse(lockText()).releases["v2.10.0"].sha256, sha256(tarball));
  });

  it("rejects a malformed lock instead of treating it as empty", async () => {
    fs.writeFileSync(lockFile, JSON.stringify({ releases: { latest: { sha256: "x" } } }));
    assert.throws(() => readReleaseLock(lockFile), /has a malformed entry "latest"/);
  });

  it("exits 2 on bad arguments and prints usage", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      assert.equal(await runLock([]), 2);
      assert.equal(await runLock(["v2.9.1", "--bogus"]), 2);
    } finally {
      console.error = original;
    }
    assert.match(errors.join("\n"), /usage: npm run flux:lock -- \[--operator\] <vX\.Y\.Z>/);
  });
});
