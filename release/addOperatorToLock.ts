import { parseChecksums } from "./downloadManifests";
import { ReleaseManifestsError, reasonOf } from "./errors";
import { DownloadOptions, downloadWithRetries } from "./httpDownload";
import { RELEASE_VERSION_PATTERN, decodeManifestText, sha256Hex } from "./manifestSet";
import { OPERATOR_INSTALL_FILE, OPERATOR_LOCK_COMMAND, OPERATOR_LOCK_FILE, OPERATOR_MAX_BYTES, operatorAssetUrls } from "./operatorRelease";
import { operatorImageVersion, operatorInstallObjects } from "../generators/fluxOperator/operatorObjects";
import { readReleaseLock, type LockEntry } from "./releaseLock";
import { writeLock, type AddToLockResult } from "./addToLock";

const MAX_CHECKSUMS_BYTES = 1024 * 1024;

export interface AddOperatorToLockOptions extends DownloadOptions {
  readonly version: string;
  /** Default `release/flux-operator-lock.json`. */
  readonly lockFile?: string;
  /** Default github.com's controlplaneio-fluxcd/flux-operator releases. */
  readonly baseUrl?: string;
  /** Overwrite an entry whose digest differs (after a reviewed re-verification). */
  readonly replace?: boolean;
}

/**
 * `npm run flux:lock -- --operator v0.58.1`: downloads the release's install.yaml and its checksums
 * file, checks that the file has the digest the checksums file lists and is the operator's install
 * manifest for that version, and records the digest for review. The lock changes only when all holds.
 */
export async function addOperatorReleaseToLock(opts: AddOperatorToLockOptions): Promise<AddToLockResult> {
  const { version } = opts;
  const lockFile = opts.lockFile ?? OPERATOR_LOCK_FILE;
  if (!RELEASE_VERSION_PATTERN.test(version)) {
    throw new ReleaseManifestsError(
      `${JSON.stringify(version)} is not a Flux Operator release tag; usage: ${OPERATOR_LOCK_COMMAND} v0.58.1`,
    );
  }
  const lock = readReleaseLock(lockFile);
  const urls = operatorAssetUrls(version, opts.baseUrl);
  const get = async (url: string, maxBytes: number): Promise<Buffer> => {
    try {
      return await downloadWithRetries(url, maxBytes, opts);
    } catch (err) {
      throw new ReleaseManifestsError(`could not download ${url}: ${reasonOf(err)}; the lock is unchanged`, { cause: err });
    }
  };
  const body = await get(urls.installYaml, OPERATOR_MAX_BYTES);
  const listed = parseChecksums((await get(urls.checksums, MAX_CHECKSUMS_BYTES)).toString("utf8")).get(OPERATOR_INSTALL_FILE);
  if (listed === undefined)
    throw new ReleaseManifestsError(`${urls.checksums} lists no sha256 for ${OPERATOR_INSTALL_FILE}; the lock is unchanged`);
  const sha256 = sha256Hex(body);
  if (sha256 !== listed) {
    throw new ReleaseManifestsError(
      `${urls.installYaml} has sha256 ${sha256} but ${urls.checksums} lists ${listed}; the download is corrupt or was altered; the lock is unchanged`,
    );
  }
  try {
    const found = operatorImageVersion(
      operatorInstallObjects({ version, installYaml: decodeManifestText(urls.installYaml, body) }, { namespace: "flux-system" }),
    );
    if (found !== version) throw new Error(`it deploys the operator ${found ?? "(no versioned image)"}`);
  } catch (err) {
    throw new ReleaseManifestsError(
      `${urls.installYaml} is not the Flux Operator ${version} install.yaml: ${reasonOf(err)}; the lock is unchanged`,
      { cause: err },
    );
  }

  const previous = Object.prototype.hasOwnProperty.call(lock.releases, version) ? lock.releases[version].sha256 : undefined;
  if (previous === sha256) return { version, sha256, change: "unchanged" };
  if (previous !== undefined && !opts.replace) {
    throw new ReleaseManifestsError(
      `${lockFile} records ${previous} for the Flux Operator ${version} but ${urls.checksums} now lists ${sha256}; ` +
        `a published release should never change: find out why, then re-run with --replace if the new digest is right`,
    );
  }
  const entry: LockEntry = { sha256, source: `${urls.installYaml}, matching ${urls.checksums}` };
  writeLock(lockFile, { ...lock.releases, [version]: entry });
  return { version, sha256, change: previous === undefined ? "added" : "replaced", previous };
}
