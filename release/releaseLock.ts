import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_KEYS, ReleaseManifestsError, reasonOf } from "./errors";
import { RELEASE_VERSION_PATTERN } from "./manifestSet";

/** The committed lock: Flux release tag → sha256 of its `manifests.tar.gz`. */
export const DEFAULT_LOCK_FILE = path.join(__dirname, "flux-lock.json");
/** How a user adds a release to the lock (shown in messages). */
export const LOCK_COMMAND = "npm run flux:lock --";

export interface LockEntry {
  readonly sha256: string;
  /** Where the digest was verified from; for the reviewer. */
  readonly source: string;
}

export interface ReleaseLock {
  readonly file: string;
  readonly releases: Readonly<Record<string, LockEntry>>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Reads and checks the lock; a malformed lock is an error, never an empty one. */
export function readReleaseLock(file: string = DEFAULT_LOCK_FILE): ReleaseLock {
  let document: { releases?: unknown };
  try {
    document = JSON.parse(fs.readFileSync(file, "utf8")) as { releases?: unknown };
  } catch (err) {
    throw new ReleaseManifestsError(`cannot read the Flux release lock ${file}: ${reasonOf(err)}; restore it from Git`, { cause: err });
  }
  const releases = document.releases;
  if (typeof releases !== "object" || releases === null || Array.isArray(releases)) {
    throw new ReleaseManifestsError(`the Flux release lock ${file} has no "releases" object; restore it from Git`);
  }
  for (const [version, entry] of Object.entries(releases as Record<string, unknown>)) {
    const sha = (entry as { sha256?: unknown } | null)?.sha256;
    if (!RELEASE_VERSION_PATTERN.test(version) || typeof sha !== "string" || !SHA256.test(sha)) {
      throw new ReleaseManifestsError(
        `the Flux release lock ${file} has a malformed entry ${JSON.stringify(version)}; ` +
          `each key is a release tag and each sha256 64 lower-case hex digits: restore it from Git or re-run ${LOCK_COMMAND} <version>`,
      );
    }
  }
  return { file, releases: releases as Record<string, LockEntry> };
}

/**
 * The digest a downloaded or cached tarball must have: `flux.manifestsSha256` when
 * set, else the lock's. Both set and different is an error; neither set is an error
 * that says how to pin the version.
 */
export function trustedDigest(version: string, lock: ReleaseLock, pinned?: string): string {
  const locked = Object.prototype.hasOwnProperty.call(lock.releases, version) ? lock.releases[version].sha256 : undefined;
  const pin = pinned?.toLowerCase();
  if (pin !== undefined && locked !== undefined && pin !== locked) {
    throw new ReleaseManifestsError(
      `${CONFIG_KEYS.manifestsSha256} is ${pin} but ${lock.file} records ${locked} for Flux ${version}; ` +
        `remove ${CONFIG_KEYS.manifestsSha256} to use the reviewed lock, or correct it`,
      { badInput: true },
    );
  }
  const digest = pin ?? locked;
  if (digest === undefined) {
    throw new ReleaseManifestsError(
      `Flux ${version} is not in the release lock ${lock.file} and ${CONFIG_KEYS.manifestsSha256} is not set, ` +
        `so its download cannot be verified; run \`${LOCK_COMMAND} ${version}\` online and commit the reviewed lock, ` +
        `or set ${CONFIG_KEYS.manifestsSha256} to the sha256 of its manifests.tar.gz, or set ${CONFIG_KEYS.manifests} to a verified local copy`,
      { badInput: true },
    );
  }
  return digest;
}
