import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cachedTarballPath } from "../../release/manifestCache";
import { ResolveManifestsOptions, resolveReleaseManifests } from "../../release/resolveReleaseManifests";
import {
  FLUX_FILE_NAMES,
  FakeRelease,
  REAL_FLUX_DIR,
  Route,
  checksumsFile,
  fixtureFiles,
  fixtureTarball,
  makeTempDir,
  rejectsWithReleaseError,
  releaseRoutes,
  requireRealFluxRelease,
  sha256,
  startFakeRelease,
} from "./fakeRelease";

const VERSION = "v2.9.0";
const REQUIRED = ["source-controller.yaml", "kustomize-controller.yaml", "rbac.yaml", "policies.yaml"];
const TARBALL_URL = (base: string) => `${base}/download/${VERSION}/manifests.tar.gz`;
const CHECKSUMS_URL = (base: string) => `${base}/download/${VERSION}/flux_2.9.0_checksums.txt`;

const offline: typeof fetch = () => Promise.reject(new Error("this test must not use the network"));

describe("release/resolveReleaseManifests", () => {
  let cacheDir: string;
  let release: FakeRelease | undefined;
  let warnings: string[];

  beforeEach(() => {
    cacheDir = makeTempDir();
    warnings = [];
  });
  afterEach(async () => {
    await release?.close();
    release = undefined;
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  async function serve(routes: Record<string, Route>): Promise<FakeRelease> {
    release = await startFakeRelease(routes);
    return release;
  }

  function options(overrides: Partial<ResolveManifestsOptions> = {}): ResolveManifestsOptions {
    return {
      version: VERSION,
      requiredFiles: REQUIRED,
      cacheDir,
      baseUrl: release?.baseUrl,
      timeoutMs: 5_000,
      onWarning: (message) => warnings.push(message),
      ...overrides,
    };
  }

  it("downloads through a redirect, verifies, and caches the tarball", async () => {
    const tarball = fixtureTarball();
    const server = await serve(releaseRoutes(VERSION, tarball));

    const manifests = await resolveReleaseManifests(options({ baseUrl: `${server.baseUrl}/`, expectedSha256: sha256(tarball) }));

    assert.deepEqual(manifests, { version: VERSION, files: fixtureFiles() });
    assert.deepEqual(server.requests, [
      `/download/${VERSION}/manifests.tar.gz`,
      `/assets/${VERSION}/manifests.tar.gz`,
      `/download/${VERSION}/flux_2.9.0_checksums.txt`,
    ]);
    assert.ok(fs.readFileSync(cachedTarballPath(cacheDir, VERSION)).equals(tarball));
    assert.deepEqual(warnings, []);
  });

  it("serves a cache hit without any request", async () => {
    const server = await serve(releaseRoutes(VERSION, fixtureTarball()));
    await resolveReleaseManifests(options());
    server.requests.length = 0;

    const manifests = await resolveReleaseManifests(options({ fetchImpl: offline }));
    const again = await resolveReleaseManifests(options());

    assert.deepEqual(manifests, { version: VERSION, files: fixtureFiles() });
    assert.deepEqual(again, manifests);
    assert.deepEqual(server.requests, []);
  });

  it("replaces a corrupt cache entry with a fresh download and reports it", async () => {
    const tarball = fixtureTarball();
    const server = await serve(releaseRoutes(VERSION, tarball));
    const entry = cachedTarballPath(cacheDir, VERSION);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(entry, tarball.subarray(0, tarball.length / 2));

    const manifests = await resolveReleaseManifests(options());

    assert.deepEqual(manifests.files, fixtureFiles());
    assert.equal(server.requests.length, 3);
    assert.ok(fs.readFileSync(entry).equals(tarball));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /cached Flux v2\.9\.0 manifests at .*manifests\.tar\.gz are unusable \(not a valid gzip stream/);
    assert.match(warnings[0], /downloading a fresh copy/);
  });

  it("replaces a cache entry that lacks a required file", async () => {
    const server = await serve(releaseRoutes(VERSION, fixtureTarball()));
    const { "rbac.yaml": _rbac, ...withoutRbac } = fixtureFiles();
    const entry = cachedTarballPath(cacheDir, VERSION);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(entry, fixtureTarball(withoutRbac));

    assert.deepEqual((await resolveReleaseManifests(options())).files, fixtureFiles());
    assert.equal(server.requests.length, 3);
    assert.match(warnings[0], /unusable \(it lacks rbac\.yaml\)/);
  });

  it("still returns the manifests when the cache cannot be written, and reports it", async () => {
    await serve(releaseRoutes(VERSION, fixtureTarball()));
    const notADirectory = path.join(cacheDir, "file");
    fs.writeFileSync(notADirectory, "");

    const manifests = await resolveReleaseManifests(options({ cacheDir: notADirectory }));

    assert.deepEqual(manifests.files, fixtureFiles());
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /could not cache Flux v2\.9\.0 manifests at .*: .*the next run downloads them again/);
  });

  it("rejects a release that does not exist (HTTP 404), naming the URL and the fix", async () => {
    const server = await serve({});
    const message = await rejectsWithReleaseError(resolveReleaseManifests(options({ version: "v2.9.9" })));
    assert.equal(
      message,
      `could not download Flux v2.9.9 manifests from ${server.baseUrl}/download/v2.9.9/manifests.tar.gz: ` +
        "HTTP 404 Not Found; check aks-flux-gitops:flux.version or set aks-flux-gitops:flux.manifests to a local copy",
    );
    assert.equal(fs.existsSync(path.join(cacheDir, "flux")), false);
  });

  it("rejects a missing checksums file", async () => {
    const server = await serve({ ...releaseRoutes(VERSION, fixtureTarball()), [`/download/${VERSION}/flux_2.9.0_checksums.txt`]: { status: 404, body: "" } });
    await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      new RegExp(`could not download the Flux v2\\.9\\.0 checksums file from ${CHECKSUMS_URL(server.baseUrl)}: HTTP 404`),
    );
  });

  it("rejects a tarball whose sha256 is not the one the checksums file lists", async () => {
    const tarball = fixtureTarball();
    const server = await serve(releaseRoutes(VERSION, tarball, checksumsFile(fixtureTarball({ "rbac.yaml": "other" }))));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      new RegExp(`manifests downloaded from ${TARBALL_URL(server.baseUrl)} have sha256 ${sha256(tarball)} but ${CHECKSUMS_URL(server.baseUrl)} lists [0-9a-f]{64}`),
      /corrupt or was altered/,
    );
    assert.equal(fs.existsSync(cachedTarballPath(cacheDir, VERSION)), false);
  });

  it("rejects a checksums file that lists no sha256 for manifests.tar.gz", async () => {
    const server = await serve(releaseRoutes(VERSION, fixtureTarball(), `${"ab".repeat(32)}  flux_2.9.0_linux_amd64.tar.gz\n`));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      new RegExp(`checksums file ${CHECKSUMS_URL(server.baseUrl)} lists no sha256 for manifests\\.tar\\.gz`),
    );
  });

  it("rejects a tarball that differs from aks-flux-gitops:flux.manifestsSha256", async () => {
    await serve(releaseRoutes(VERSION, fixtureTarball()));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ expectedSha256: "1".repeat(64) })),
      /aks-flux-gitops:flux\.manifestsSha256 expects 1{64}; set it to the sha256 that .* lists/,
    );
  });

  it("rejects a truncated gzip even when its checksum matches", async () => {
    const tarball = fixtureTarball();
    const truncated = tarball.subarray(0, tarball.length - 30);
    await serve(releaseRoutes(VERSION, truncated));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      /could not unpack Flux v2\.9\.0 manifests downloaded from .*: not a valid gzip stream \(unexpected end of file\)/,
    );
  });

  it("rejects a tarball that lacks required files, naming them", async () => {
    const { "policies.yaml": _p, "rbac.yaml": _r, ...partial } = fixtureFiles();
    await serve(releaseRoutes(VERSION, fixtureTarball(partial)));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      /manifests downloaded from .* lack rbac\.yaml, policies\.yaml; choose components that Flux v2\.9\.0 ships/,
    );
  });

  it("rejects a tarball with a path traversal entry", async () => {
    await serve(releaseRoutes(VERSION, fixtureTarball(fixtureFiles(), [{ name: "../../.bashrc", content: "x" }])));
    await rejectsWithReleaseError(resolveReleaseManifests(options()), /"\.\.\/\.\.\/\.bashrc" escapes the archive/);
  });

  it("rejects an oversized download, with or without Content-Length", async () => {
    const big = Buffer.alloc(200 * 1024, 1);
    for (const chunked of [false, true]) {
      const server = await serve({ [`/download/${VERSION}/manifests.tar.gz`]: { body: big, chunked } });
      await rejectsWithReleaseError(
        resolveReleaseManifests(options({ maxDownloadBytes: 64 * 1024 })),
        new RegExp(`from ${TARBALL_URL(server.baseUrl)}: response is larger than the 64 KiB limit`),
      );
      await server.close();
      release = undefined;
    }
  });

  it("rejects a server that does not answer in time", async () => {
    await serve({ [`/download/${VERSION}/manifests.tar.gz`]: { hang: true } });
    await rejectsWithReleaseError(resolveReleaseManifests(options({ timeoutMs: 200 })), /: timed out after 200 ms;/);
  });

  it("rejects an unreachable server with the network reason", async () => {
    const closed = await serve({});
    await closed.close();
    release = undefined;
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ baseUrl: closed.baseUrl })),
      new RegExp(`from ${TARBALL_URL(closed.baseUrl)}: fetch failed: .*ECONNREFUSED`),
    );
  });

  it("rejects a version that is not a release tag, before any I/O", async () => {
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ version: "../../etc", fetchImpl: offline })),
      /version "\.\.\/\.\.\/etc": it is not a release tag; set aks-flux-gitops:flux\.version to a tag such as v2\.9\.0/,
    );
  });

  it("rejects a malformed aks-flux-gitops:flux.manifestsSha256", async () => {
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ expectedSha256: "sha256:abc", fetchImpl: offline })),
      /set aks-flux-gitops:flux\.manifestsSha256 to 64 hex digits/,
    );
  });

  describe("with a local copy (aks-flux-gitops:flux.manifests)", () => {
    it("loads a directory without cache or network", async () => {
      for (const [name, content] of Object.entries(fixtureFiles())) fs.writeFileSync(path.join(cacheDir, name), content);
      const manifests = await resolveReleaseManifests(options({ localPath: cacheDir, fetchImpl: offline }));
      assert.deepEqual(manifests.files, fixtureFiles());
      assert.equal(fs.existsSync(path.join(cacheDir, "flux")), false);
    });

    it("loads a tarball pinned by sha256", async () => {
      const tarball = fixtureTarball();
      const file = path.join(cacheDir, "manifests.tar.gz");
      fs.writeFileSync(file, tarball);
      const manifests = await resolveReleaseManifests(options({ localPath: file, expectedSha256: sha256(tarball), fetchImpl: offline }));
      assert.deepEqual(manifests.files, fixtureFiles());
    });

    it("rejects a copy that lacks required files, naming them", async () => {
      fs.writeFileSync(path.join(cacheDir, "rbac.yaml"), "kind: List\n");
      await rejectsWithReleaseError(
        resolveReleaseManifests(options({ localPath: cacheDir, fetchImpl: offline })),
        /read from .* \(aks-flux-gitops:flux\.manifests\) lack source-controller\.yaml, kustomize-controller\.yaml, policies\.yaml;/,
      );
    });
  });

  it("downloads the real Flux v2.9.0 tarball end to end, matching its unpacked files", async function () {
    requireRealFluxRelease(this);
    const tarball = fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests.tar.gz"));
    await serve(releaseRoutes(VERSION, tarball));
    const manifests = await resolveReleaseManifests(options({ requiredFiles: [...FLUX_FILE_NAMES] }));
    for (const name of FLUX_FILE_NAMES) {
      assert.equal(manifests.files[name], fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests", name), "utf8"), name);
    }
  });
});
