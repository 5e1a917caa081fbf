import { promises as fs } from "node:fs";
import * as path from "node:path";
import { writeFileAtomically } from "./atomicWrite";
import { RELEASE_VERSION_PATTERN, sha256Hex } from "./manifestSet";

/**
 * `<cacheDir>/flux/<version>/manifests-<sha256>.tar.gz`: the entry carries the digest it
 * was verified against in its name, in the same atomic rename as its bytes, so a reader
 * re-hashes the bytes and compares them with both the name and the digest it trusts.
 */
export function cachedTarballPath(cacheDir: string, version: string, sha256: string): string {
  if (!RELEASE_VERSION_PATTERN.test(version)) {
    throw new Error(`refusing to build a cache path from the version ${JSON.stringify(version)}`);
  }
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Error(`refusing to build a cache path from the digest ${JSON.stringify(sha256)}`);
  }
  return path.join(cacheDir, "flux", version, `manifests-${sha256}.tar.gz`);
}

export type CacheRead =
  | { readonly state: "absent" }
  | { readonly state: "intact"; readonly tarball: Buffer }
  | { readonly state: "poisoned"; readonly reason: string };

/**
 * The entry for `sha256`, re-verified: its bytes must hash to the digest it is stored
 * under. Other read errors propagate.
 */
export async function readCachedTarball(cacheDir: string, version: string, sha256: string): Promise<CacheRead> {
  let tarball: Buffer;
  try {
    tarball = await fs.readFile(cachedTarballPath(cacheDir, version, sha256));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { state: "absent" };
    throw err;
  }
  const actual = sha256Hex(tarball);
  if (actual !== sha256) return { state: "poisoned", reason: `its sha256 is ${actual}, not the ${sha256} it is stored under` };
  return { state: "intact", tarball };
}

/** Removes an entry that failed verification, so the next run does not meet it again. */
export async function removeCachedTarball(cacheDir: string, version: string, sha256: string): Promise<void> {
  await fs.rm(cachedTarballPath(cacheDir, version, sha256), { force: true });
}

/**
 * Writes to a temp file in the same directory, flushes it, then renames it over the
 * entry, so a concurrent reader sees the old file, the new file, or none, never a part.
 * The caller has verified `tarball` against `sha256`. Returns the entry's path.
 */
export async function writeCachedTarball(cacheDir: string, version: string, sha256: string, tarball: Uint8Array): Promise<string> {
  const target = cachedTarballPath(cacheDir, version, sha256);
  await writeFileAtomically(target, tarball);
  return target;
}
