import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { RELEASE_VERSION_PATTERN } from "./manifestSet";

/**
 * `<cacheDir>/flux/<version>/manifests.tar.gz`. The tarball is cached rather than
 * the unpacked files so a cache entry can be re-verified like a download.
 */
export function cachedTarballPath(cacheDir: string, version: string): string {
  if (!RELEASE_VERSION_PATTERN.test(version)) {
    throw new Error(`refusing to build a cache path from the version ${JSON.stringify(version)}`);
  }
  return path.join(cacheDir, "flux", version, "manifests.tar.gz");
}

/** The cached tarball, or `undefined` when there is none. Other read errors propagate. */
export async function readCachedTarball(cacheDir: string, version: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(cachedTarballPath(cacheDir, version));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

/**
 * Writes to a temp file in the same directory, flushes it, then renames it over the
 * entry, so a concurrent reader sees the old file, the new file, or none, never a part.
 * Returns the entry's path.
 */
export async function writeCachedTarball(cacheDir: string, version: string, tarball: Uint8Array): Promise<string> {
  const target = cachedTarballPath(cacheDir, version);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await fs.open(temp, "wx", 0o644);
    try {
      await handle.writeFile(tarball);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  return target;
}
