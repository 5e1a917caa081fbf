import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cachedTarballPath, readCachedTarball, removeCachedTarball, writeCachedTarball } from "../../release/manifestCache";
import { makeTempDir, sha256 } from "../support/fakeRelease";

describe("release/manifestCache", () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = makeTempDir();
  });
  afterEach(() => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
  const body = Buffer.from("tarball");
  const digest = sha256(body);

  it("keeps each tarball under flux/<version>/ named by the digest it was verified against", () => {
    assert.equal(cachedTarballPath("/c", "v2.9.0", digest), path.join("/c", "flux", "v2.9.0", `manifests-${digest}.tar.gz`));
  });

  it("rejects a version or digest that would leave the cache directory", () => {
    for (const version of ["../v2.9.0", "v2.9.0/..", "latest", ""]) {
      assert.throws(() => cachedTarballPath(cacheDir, version, digest), /refusing to build a cache path from the version/, version);
    }
    assert.throws(() => cachedTarballPath(cacheDir, "v2.9.0", "../x"), /refusing to build a cache path from the digest/);
  });

  it("reads nothing before the first write", async () => {
    assert.deepEqual(await readCachedTarball(cacheDir, "v2.9.0", digest), { state: "absent" });
  });

  it("writes and reads an intact entry, leaving no temp files", async () => {
    const target = await writeCachedTarball(cacheDir, "v2.9.0", digest, body);
    assert.equal(target, cachedTarballPath(cacheDir, "v2.9.0", digest));
    assert.deepEqual(await readCachedTarball(cacheDir, "v2.9.0", digest), { state: "intact", tarball: body });
    assert.deepEqual(fs.readdirSync(path.dirname(target)), [`manifests-${digest}.tar.gz`]);
  });

  it("re-hashes on read and reports an entry whose bytes changed behind its back", async () => {
    const target = await writeCachedTarball(cacheDir, "v2.9.0", digest, body);
    fs.writeFileSync(target, "poison");
    assert.deepEqual(await readCachedTarball(cacheDir, "v2.9.0", digest), {
      state: "poisoned",
      reason: `its sha256 is ${sha256(Buffer.from("poison"))}, not the ${digest} it is stored under`,
    });
    await removeCachedTarball(cacheDir, "v2.9.0", digest);
    assert.equal(fs.existsSync(target), false);
  });

  it("never shows a reader a partly written entry while writers race", async () => {
    const big = Buffer.alloc(256 * 1024, 65);
    const bigDigest = sha256(big);
    const reads: ReturnType<typeof readCachedTarball>[] = [];
    const writes = Array.from({ length: 8 }, () => {
      reads.push(readCachedTarball(cacheDir, "v2.9.0", bigDigest));
      return writeCachedTarball(cacheDir, "v2.9.0", bigDigest, big);
    });
    await Promise.all(writes);
    for (const read of await Promise.all(reads)) assert.notEqual(read.state, "poisoned", "a read saw a partial file");
    assert.equal((await readCachedTarball(cacheDir, "v2.9.0", bigDigest)).state, "intact");
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, "flux", "v2.9.0")), [`manifests-${bigDigest}.tar.gz`]);
  });
});
