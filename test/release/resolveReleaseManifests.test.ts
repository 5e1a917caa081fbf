import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cachedTarballPath } from "../../release/manifestCache";
import { readReleaseLock } from "../../release/releaseLock";
import { resolveReleaseManifests } from "../../release/resolveReleaseManifests";
import {
  fixtureFiles,
  fixtureTarball,
  FLUX_FILE_NAMES,
  lockFor,
  REAL_FLUX_DIR,
  rejectsWithReleaseError,
  releaseRoutes,
  releaseTestContext,
  requireRealFluxRelease,
  sha256,
} from "../support/fakeRelease";

const VERSION = "v2.9.0";
const REQUIRED = ["source-controller.yaml", "kustomize-controller.yaml", "rbac.yaml", "policies.yaml"];
const offline: typeof fetch = () => Promise.reject(new Error("this test must not use the network"));

describe("release/resolveReleaseManifests: lock and cache", () => {
  const tarball = fixtureTarball();
  const digest = sha256(tarball);
  const ctx = releaseTestContext(VERSION, REQUIRED, tarball);
  const { serve, options } = ctx;
  const entry = (sha = digest) => cachedTarballPath(ctx.cacheDir, VERSION, sha);
  const plant = (content: Buffer, sha = digest) => {
    fs.mkdirSync(path.dirname(entry(sha)), { recursive: true });
    fs.writeFileSync(entry(sha), content);
  };

  it("downloads through a redirect, checks the lock's digest, and caches the tarball under it", async () => {
    const server = await serve(releaseRoutes(VERSION, tarball));
    const manifests = await resolveReleaseManifests(options({ baseUrl: `${server.baseUrl}/` }));
    assert.deepEqual(manifests, { version: VERSION, files: fixtureFiles() });
    // The checksums file sits on the same server as the tarball: it proves nothing, so it is not fetched.
    assert.deepEqual(server.requests, [`/download/${VERSION}/manifests.tar.gz`, `/assets/${VERSION}/manifests.tar.gz`]);
    assert.ok(fs.readFileSync(entry()).equals(tarball));
    assert.deepEqual(ctx.warnings, []);
  });

  it("serves an intact cache hit without any request", async () => {
    const server = await serve(releaseRoutes(VERSION, tarball));
    await resolveReleaseManifests(options());
    server.requests.length = 0;
    assert.deepEqual(await resolveReleaseManifests(options({ fetchImpl: offline })), { version: VERSION, files: fixtureFiles() });
    assert.deepEqual(server.requests, []);
  });

  it("rejects a poisoned cache entry with a one-line reason, removes it and downloads the locked tarball", async () => {
    const server = await serve(releaseRoutes(VERSION, tarball));
    plant(fixtureTarball({ ...fixtureFiles(), "rbac.yaml": "kind: ClusterRoleBinding # attacker\n" }));
    const manifests = await resolveReleaseManifests(options());
    assert.deepEqual(manifests.files, fixtureFiles());
    assert.equal(server.requests.length, 2, "the poisoned entry was not used");
    assert.equal(ctx.warnings.length, 1);
    assert.doesNotMatch(ctx.warnings[0], /\n/);
    assert.match(
      ctx.warnings[0],
      new RegExp(
        `rejected the cached Flux v2\\.9\\.0 manifests at .*manifests-${digest}\\.tar\\.gz: its sha256 is [0-9a-f]{64}, not the ${digest} it is stored under; downloading a fresh copy`,
      ),
    );
    assert.ok(fs.readFileSync(entry()).equals(tarball), "the download replaced the poisoned entry");
  });

  it("never reads an entry stored under another digest (a changed pin or lock)", async () => {
    const other = fixtureTarball({ "rbac.yaml": "other" });
    plant(other, sha256(other));
    const server = await serve(releaseRoutes(VERSION, tarball));
    assert.deepEqual((await resolveReleaseManifests(options())).files, fixtureFiles());
    assert.equal(server.requests.length, 2);
  });

  it("fails offline on a poisoned cache entry rather than use it", async () => {
    plant(fixtureTarball({ "rbac.yaml": "evil" }));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ fetchImpl: offline, attempts: 1 })),
      /could not download Flux v2\.9\.0 manifests/,
    );
    assert.match(ctx.warnings[0], /rejected the cached Flux v2\.9\.0 manifests/);
    assert.equal(fs.existsSync(entry()), false);
  });

  it("replaces an entry that hashes right but lacks a required file (a lock that was wrong)", async () => {
    const { "rbac.yaml": _rbac, ...withoutRbac } = fixtureFiles();
    const partial = fixtureTarball(withoutRbac);
    plant(partial, sha256(partial));
    await serve(releaseRoutes(VERSION, partial));
    await rejectsWithReleaseError(resolveReleaseManifests(options({ lock: lockFor(VERSION, partial) })), /lack rbac\.yaml/);
    assert.match(ctx.warnings[0], /rejected the cached .*: it lacks rbac\.yaml; downloading a fresh copy/);
  });

  it("still returns the manifests when the cache cannot be written, and reports it", async () => {
    await serve(releaseRoutes(VERSION, tarball));
    const notADirectory = path.join(ctx.cacheDir, "file");
    fs.writeFileSync(notADirectory, "");
    assert.deepEqual((await resolveReleaseManifests(options({ cacheDir: notADirectory }))).files, fixtureFiles());
    assert.equal(ctx.warnings.length, 1);
    assert.match(ctx.warnings[0], /could not cache Flux v2\.9\.0 manifests at .*: .*the next run downloads them again/);
  });

  it("rejects a version that is neither locked nor pinned, saying how to pin it, before any request", async () => {
    const message = await rejectsWithReleaseError(resolveReleaseManifests(options({ version: "v2.9.1", fetchImpl: offline })));
    assert.equal(
      message,
      "Flux v2.9.1 is not in the release lock test-flux-lock.json and aks-flux-gitops:flux.manifestsSha256 is not set, " +
        "so its download cannot be verified; run `npm run flux:lock -- v2.9.1` online and commit the reviewed lock, " +
        "or set aks-flux-gitops:flux.manifestsSha256 to the sha256 of its manifests.tar.gz, or set aks-flux-gitops:flux.manifests to a verified local copy",
    );
    assert.equal(fs.existsSync(path.join(ctx.cacheDir, "flux")), false);
  });

  it("downloads an unlocked version pinned by aks-flux-gitops:flux.manifestsSha256", async () => {
    await serve(releaseRoutes("v2.9.1", tarball));
    const manifests = await resolveReleaseManifests(options({ version: "v2.9.1", expectedSha256: digest.toUpperCase() }));
    assert.deepEqual(manifests.files, fixtureFiles());
    assert.ok(fs.existsSync(cachedTarballPath(ctx.cacheDir, "v2.9.1", digest)));
  });

  it("rejects a pin that disagrees with the lock", async () => {
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ expectedSha256: "1".repeat(64), fetchImpl: offline })),
      new RegExp(`aks-flux-gitops:flux\\.manifestsSha256 is 1{64} but test-flux-lock\\.json records ${digest} for Flux v2\\.9\\.0; remove`),
    );
  });

  it("rejects a version that is not a release tag, and a malformed pin, before any I/O", async () => {
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ version: "../../etc", fetchImpl: offline })),
      /version "\.\.\/\.\.\/etc": it is not a release tag; set aks-flux-gitops:flux\.version to a tag such as v2\.9\.0/,
    );
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ expectedSha256: "sha256:abc", fetchImpl: offline })),
      /set aks-flux-gitops:flux\.manifestsSha256 to 64 hex digits/,
    );
  });

  describe("with a local copy (aks-flux-gitops:flux.manifests), trusted as given", () => {
    it("loads a directory of a version the lock lacks, without cache or network", async () => {
      const dir = path.join(ctx.cacheDir, "copy");
      fs.mkdirSync(dir);
      for (const [name, content] of Object.entries(fixtureFiles())) fs.writeFileSync(path.join(dir, name), content);
      const manifests = await resolveReleaseManifests(options({ version: "v2.9.7", localPath: dir, fetchImpl: offline }));
      assert.deepEqual(manifests.files, fixtureFiles());
      assert.equal(fs.existsSync(path.join(ctx.cacheDir, "flux")), false);
    });

    it("loads a tarball pinned by sha256", async () => {
      const file = path.join(ctx.cacheDir, "manifests.tar.gz");
      fs.writeFileSync(file, tarball);
      const manifests = await resolveReleaseManifests(options({ localPath: file, expectedSha256: digest, fetchImpl: offline }));
      assert.deepEqual(manifests.files, fixtureFiles());
    });

    it("rejects a copy that lacks required files, naming them", async () => {
      fs.writeFileSync(path.join(ctx.cacheDir, "rbac.yaml"), "kind: List\n");
      await rejectsWithReleaseError(
        resolveReleaseManifests(options({ localPath: ctx.cacheDir, fetchImpl: offline })),
        /read from .* \(aks-flux-gitops:flux\.manifests\) lack source-controller\.yaml, kustomize-controller\.yaml, policies\.yaml;/,
      );
    });
  });

  describe("the committed lock", () => {
    it("records v2.9.0 with the digest of the reference copy of its tarball", function () {
      requireRealFluxRelease(this);
      const real = fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests.tar.gz"));
      assert.equal(readReleaseLock().releases[VERSION]?.sha256, sha256(real));
    });

    it("accepts the real v2.9.0 tarball from a mirror end to end, matching its unpacked files", async function () {
      requireRealFluxRelease(this);
      const real = fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests.tar.gz"));
      await serve(releaseRoutes(VERSION, real));
      const manifests = await resolveReleaseManifests(options({ lock: undefined, requiredFiles: [...FLUX_FILE_NAMES] }));
      for (const name of FLUX_FILE_NAMES) {
        assert.equal(manifests.files[name], fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests", name), "utf8"), name);
      }
    });
  });
});
