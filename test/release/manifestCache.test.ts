import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cachedTarballPath, readCachedTarball, writeCachedTarball } from "../../release/manifestCache";
import { makeTempDir } from "./fakeRelease";

describe("release/manifestCache", () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = makeTempDir();
  });
  afterEach(() => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it("keeps one tarball per version under flux/<version>/", () => {
    assert.equal(cachedTarballPath("/c", "v2.9.0"), path.join("/c", "flux", "v2.9.0", "manifests.tar.gz"));
  });

  it("rejects a version that would leave the cache directory", () => {
    for (const version of ["../v2.9.0", "v2.9.0/..", "latest", ""]) {
      assert.throws(() => cachedTarballPath(cacheDir, version), /refusing to build a cache path/, version);
    }
  });

  it("reads nothing before the first write", async () => {
    assert.equal(await readCachedTarball(cacheDir, "v2.9.0"), undefined);
  });

  it("writes, replaces and reads an entry, leaving no temp files", async () => {
    const target = await writeCachedTarball(cacheDir, "v2.9.0", Buffer.from("first"));
    await writeCachedTarball(cacheDir, "v2.9.0", Buffer.from("second"));
    assert.equal(target, cachedTarballPath(cacheDir, "v2.9.0"));
    assert.equal((await readCachedTarball(cacheDir, "v2.9.0"))?.toString(), "second");
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ["manifests.tar.gz"]);
  });

  it("never shows a reader a partly written entry while writers race", async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(256 * 1024, 65 + i));
    const reads: Promise<Buffer | undefined>[] = [];
    const writes = bodies.map((body) => {
      reads.push(readCachedTarball(cacheDir, "v2.9.0"));
      return writeCachedTarball(cacheDir, "v2.9.0", body);
    });
    await Promise.all(writes);
    for (const read of await Promise.all(reads)) {
      if (read !== undefined) assert.ok(bodies.some((b) => b.equals(read)), "a read saw a partial file");
    }
    const final = await readCachedTarball(cacheDir, "v2.9.0");
    assert.ok(final !== undefined && bodies.some((b) => b.equals(final)));
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, "flux", "v2.9.0")), ["manifests.tar.gz"]);
  });
});
