import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { cachedTarballPath } from "../../release/manifestCache";
import { resolveReleaseManifests } from "../../release/resolveReleaseManifests";
import {
  fixtureFiles,
  fixtureTarball,
  lockFor,
  rejectsWithReleaseError,
  releaseRoutes,
  releaseTestContext,
  sha256,
} from "../support/fakeRelease";

const VERSION = "v2.9.0";
const TARBALL = `/download/${VERSION}/manifests.tar.gz`;
const REQUIRED = ["source-controller.yaml", "kustomize-controller.yaml", "rbac.yaml", "policies.yaml"];

/** Issue 15: what a download must refuse, and what it must survive, against a server on 127.0.0.1. */
describe("release download: authenticity and transient failures", () => {
  const tarball = fixtureTarball();
  const ctx = releaseTestContext(VERSION, REQUIRED, tarball);
  const { serve, options } = ctx;
  const nothingCached = () => assert.equal(fs.existsSync(cachedTarballPath(ctx.cacheDir, VERSION, sha256(tarball))), false);

  it("rejects an altered mirror even when its own checksums file agrees with it", async () => {
    const altered = fixtureTarball({ ...fixtureFiles(), "rbac.yaml": "kind: ClusterRoleBinding # altered\n" });
    const server = await serve(releaseRoutes(VERSION, altered)); // checksumsFile(altered) served alongside
    await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      new RegExp(
        `manifests downloaded from ${server.baseUrl}${TARBALL} have sha256 ${sha256(altered)} but the release lock test-flux-lock\\.json expects ${sha256(tarball)}; the download is truncated or was altered`,
      ),
    );
    assert.equal(server.requests.filter((r) => r.includes("checksums")).length, 0, "the mirror's own checksums are not consulted");
    nothingCached();
  });

  it("rejects an altered mirror against aks-flux-gitops:flux.manifestsSha256 for an unlocked version", async () => {
    await serve(releaseRoutes("v2.9.1", fixtureTarball({ "rbac.yaml": "x" })));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ version: "v2.9.1", expectedSha256: sha256(tarball) })),
      new RegExp(`but aks-flux-gitops:flux\\.manifestsSha256 expects ${sha256(tarball)};`),
    );
  });

  it("rejects a body cut short after every bounded attempt, each attempt logged once", async () => {
    const server = await serve({ [TARBALL]: { truncate: tarball } });
    const message = await rejectsWithReleaseError(
      resolveReleaseManifests(options()),
      /could not download Flux v2\.9\.0 manifests from .*\(after 3 attempts\)/,
    );
    assert.doesNotMatch(message, /\n/);
    assert.equal(ctx.warnings.length, 2, ctx.warnings.join("\n"));
    assert.match(ctx.warnings[0], new RegExp(`GET .*${TARBALL} failed \\(.*\\), attempt 1 of 3; retrying in 0 ms`));
    assert.match(ctx.warnings[1], /attempt 2 of 3/);
    assert.equal(server.requests.length, 3);
    nothingCached();
  });

  it("rejects a truncated body served without a length by its digest", async () => {
    await serve({ [TARBALL]: { body: tarball.subarray(0, tarball.length - 40), chunked: true } });
    await rejectsWithReleaseError(resolveReleaseManifests(options()), /have sha256 [0-9a-f]{64} but the release lock .* expects/);
  });

  it("gives up on a slow server after the per-attempt timeout, bounded", async () => {
    await serve({ [TARBALL]: { hang: true } });
    const started = Date.now();
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ timeoutMs: 200, attempts: 2 })),
      /: timed out after 200 ms \(after 2 attempts\);/,
    );
    assert.ok(Date.now() - started < 3_000);
    assert.equal(ctx.warnings.length, 1);
    assert.match(ctx.warnings[0], /failed \(timed out after 200 ms\), attempt 1 of 2/);
  });

  it("retries a 5xx and succeeds, logging the failed attempt once", async () => {
    const server = await serve({
      [TARBALL]: { sequence: [{ status: 503, body: "busy" }, { status: 502, body: "bad gateway" }, { body: tarball }] },
    });
    assert.deepEqual((await resolveReleaseManifests(options())).files, fixtureFiles());
    assert.equal(server.requests.length, 3);
    assert.deepEqual(
      ctx.warnings.map((w) => /\((HTTP \d+)[^)]*\), attempt (\d)/.exec(w)?.slice(1).join(" ")),
      ["HTTP 503 1", "HTTP 502 2"],
    );
  });

  it("retries a connection reset and succeeds", async () => {
    await serve({ [TARBALL]: { sequence: [{ reset: true }, { body: tarball }] } });
    assert.deepEqual((await resolveReleaseManifests(options())).files, fixtureFiles());
    assert.equal(ctx.warnings.length, 1);
  });

  it("backs off exponentially between attempts", async () => {
    await serve({ [TARBALL]: { sequence: [{ status: 500, body: "" }, { status: 500, body: "" }, { body: tarball }] } });
    await resolveReleaseManifests(options({ retryDelayMs: 40 }));
    assert.match(ctx.warnings[0], /retrying in 40 ms/);
    assert.match(ctx.warnings[1], /retrying in 80 ms/);
  });

  it("does not retry a 404: the release does not exist", async () => {
    const server = await serve({});
    const message = await rejectsWithReleaseError(resolveReleaseManifests(options({ version: "v2.9.9", expectedSha256: sha256(tarball) })));
    assert.equal(
      message,
      `could not download Flux v2.9.9 manifests from ${server.baseUrl}/download/v2.9.9/manifests.tar.gz: ` +
        "HTTP 404 Not Found; check aks-flux-gitops:flux.version or set aks-flux-gitops:flux.manifests to a local copy",
    );
    assert.equal(server.requests.length, 1);
    assert.deepEqual(ctx.warnings, []);
  });

  it("rejects an oversized download, with or without Content-Length, without retrying", async () => {
    const big = Buffer.alloc(200 * 1024, 1);
    for (const chunked of [false, true]) {
      const server = await serve({ [TARBALL]: { body: big, chunked } });
      await rejectsWithReleaseError(
        resolveReleaseManifests(options({ maxDownloadBytes: 64 * 1024 })),
        new RegExp(`from ${server.baseUrl}${TARBALL}: response is larger than the 64 KiB limit;`),
      );
      assert.equal(server.requests.length, 1);
      await server.close();
    }
  });

  it("rejects an unreachable server with the network reason", async () => {
    const closed = await serve({});
    await closed.close();
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ baseUrl: closed.baseUrl, attempts: 2 })),
      /: fetch failed: .*ECONNREFUSED.* \(after 2 attempts\)/,
    );
  });

  it("rejects a locked tarball that is hostile inside (path traversal), without caching it", async () => {
    const hostile = fixtureTarball(fixtureFiles(), [{ name: "../../.bashrc", content: "x" }]);
    await serve(releaseRoutes(VERSION, hostile));
    await rejectsWithReleaseError(
      resolveReleaseManifests(options({ lock: lockFor(VERSION, hostile) })),
      /"\.\.\/\.\.\/\.bashrc" escapes the archive/,
    );
    assert.equal(fs.existsSync(cachedTarballPath(ctx.cacheDir, VERSION, sha256(hostile))), false);
  });
});
