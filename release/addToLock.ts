import * as fs from "node:fs";
import { DEFAULT_MAX_DOWNLOAD_BYTES, TARBALL_NAME, parseChecksums, releaseAssetUrls } from "./downloadManifests";
import { ReleaseManifestsError, reasonOf } from "./errors";
import { DownloadOptions, downloadWithRetries } from "./httpDownload";
import { RELEASE_VERSION_PATTERN, manifestsFromTarFiles, missingFiles, sha256Hex } from "./manifestSet";
import { DEFAULT_LOCK_FILE, LOCK_COMMAND, LockEntry, readReleaseLock } from "./releaseLock";
import { readTarGz } from "./releaseArchive";

/** Files every Flux release has since v2.0; a tarball without them is not Flux's. */
const ALWAYS_SHIPPED = ["rbac.yaml", "policies.yaml", "source-controller.yaml", "kustomize-controller.yaml"];
const MAX_CHECKSUMS_BYTES = 1024 * 1024;

export interface AddToLockOptions extends DownloadOptions {
  readonly version: string;
  /** Default `release/flux-lock.json`. */
  readonly lockFile?: string;
  /** Default github.com's fluxcd/flux2 releases. */
  readonly baseUrl?: string;
  /** Overwrite an entry whose digest differs (after a reviewed re-verification). */
  readonly replace?: boolean;
}

export interface AddToLockResult {
  readonly version: string;
  readonly sha256: string;
  /** `added`, `unchanged`, or `replaced` (with the old digest). */
  readonly change: "added" | "unchanged" | "replaced";
  readonly previous?: string;
}

/**
 * Downloads a release's `manifests.tar.gz` and its checksums file, checks that the
 * tarball has the digest the checksums file lists and is a Flux release, and records
 * the digest in the lock for review. The lock changes only when all of that holds.
 */
export async function addReleaseToLock(opts: AddToLockOptions): Promise<AddToLockResult> {
  const { version } = opts;
  const lockFile = opts.lockFile ?? DEFAULT_LOCK_FILE;
  if (!RELEASE_VERSION_PATTERN.test(version)) {
    throw new ReleaseManifestsError(`${JSON.stringify(version)} is not a Flux release tag; usage: ${LOCK_COMMAND} v2.9.1`);
  }
  const lock = readReleaseLock(lockFile);
  const urls = releaseAssetUrls(version, opts.baseUrl);
  const get = async (url: string, maxBytes: number): Promise<Buffer> => {
    try {
      return await downloadWithRetries(url, maxBytes, opts);
    } catch (err) {
      throw new ReleaseManifestsError(`could not download ${url}: ${reasonOf(err)}; the lock is unchanged`, { cause: err });
    }
  };
  const tarball = await get(urls.tarball, DEFAULT_MAX_DOWNLOAD_BYTES);
  const listed = parseChecksums((await get(urls.checksums, MAX_CHECKSUMS_BYTES)).toString("utf8")).get(TARBALL_NAME);
  if (listed === undefined) {
    throw new ReleaseManifestsError(`${urls.checksums} lists no sha256 for ${TARBALL_NAME}; the lock is unchanged`);
  }
  const sha256 = sha256Hex(tarball);
  if (sha256 !== listed) {
    throw new ReleaseManifestsError(
      `${urls.tarball} has sha256 ${sha256} but ${urls.checksums} lists ${listed}; the download is corrupt or was altered; the lock is unchanged`,
    );
  }
  try {
    const missing = missingFiles(manifestsFromTarFiles(version, readTarGz(tarball)), ALWAYS_SHIPPED);
    if (missing.length > 0) throw new Error(`it lacks ${missing.join(", ")}`);
  } catch (err) {
    throw new ReleaseManifestsError(`${urls.tarball} is not a Flux release tarball: ${reasonOf(err)}; the lock is unchanged`, {
      cause: err,
    });
  }

  const previous = Object.prototype.hasOwnProperty.call(lock.releases, version) ? lock.releases[version].sha256 : undefined;
  if (previous === sha256) return { version, sha256, change: "unchanged" };
  if (previous !== undefined && !opts.replace) {
    throw new ReleaseManifestsError(
      `${lockFile} records ${previous} for Flux ${version} but ${urls.checksums} now lists ${sha256}; ` +
        `a published release should never change: find out why, then re-run with --replace if the new digest is right`,
    );
  }
  const entry: LockEntry = { sha256, source: `${urls.tarball}, matching ${urls.checksums}` };
  writeLock(lockFile, { ...lock.releases, [version]: entry });
  return { version, sha256, change: previous === undefined ? "added" : "replaced", previous };
}

/** Rewrites the lock with its other keys kept and releases in version order, via a temp file. */
export function writeLock(file: string, releases: Readonly<Record<string, LockEntry>>): void {
  const document = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const sorted = Object.fromEntries(
    Object.keys(releases)
      .sort(compareVersions)
      .map((v) => [v, releases[v]]),
  );
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ ...document, releases: sorted }, null, 2)}\n`);
  fs.renameSync(temp, file);
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/, "")
      .split(/[.-]/)
      .map((p) => (/^\d+$/.test(p) ? p.padStart(8, "0") : p));
  const [x, y] = [parts(a).join("."), parts(b).join(".")];
  return x < y ? -1 : x > y ? 1 : 0;
}
