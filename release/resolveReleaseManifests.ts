import { DEFAULT_RELEASES_URL, downloadReleaseManifests } from "./downloadManifests";
import { CONFIG_KEYS, ReleaseManifestsError, reasonOf } from "./errors";
import { loadLocalManifests } from "./loadLocalManifests";
import { cachedTarballPath, readCachedTarball, removeCachedTarball, writeCachedTarball } from "./manifestCache";
import { RELEASE_VERSION_PATTERN, ReleaseManifests, manifestsFromTarFiles, missingFiles } from "./manifestSet";
import { ReleaseLock, readReleaseLock, trustedDigest } from "./releaseLock";
import { readTarGz } from "./releaseArchive";

export { ReleaseManifestsError } from "./errors";
export type { ReleaseManifests } from "./manifestSet";

export interface ResolveManifestsOptions {
  /** Flux release tag, e.g. `v2.9.0` (`aks-flux-gitops:flux.version`). */
  readonly version: string;
  /** Files the selected components need, plus `rbac.yaml` and `policies.yaml`. */
  readonly requiredFiles: readonly string[];
  /** `aks-flux-gitops:flux.manifests`: a directory or `.tar.gz`, trusted as given; no cache, no network, no lock. */
  readonly localPath?: string;
  /** Where `localPath` came from, named in messages. Default `aks-flux-gitops:flux.manifests`. */
  readonly localPathSource?: string;
  /** Root of the program's cache; entries go to `<cacheDir>/flux/<version>/manifests-<sha256>.tar.gz`. */
  readonly cacheDir: string;
  /** `aks-flux-gitops:flux.manifestsSha256`: pins a version the lock lacks (and a local `.tar.gz`). */
  readonly expectedSha256?: string;
  /** Default: `release/flux-lock.json`, read when a download or cache entry must be checked. */
  readonly lock?: ReleaseLock;
  /** Default `https://github.com/fluxcd/flux2/releases`; a mirror must keep the `download/<tag>/` layout. */
  readonly baseUrl?: string;
  /** Default: the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
  /** Per attempt. Default 60 s. */
  readonly timeoutMs?: number;
  /** Bound on download attempts. Default 3. */
  readonly attempts?: number;
  /** First backoff between attempts, doubled each time. Default 1 s. */
  readonly retryDelayMs?: number;
  /** Cap on the downloaded tarball. Default 16 MiB. */
  readonly maxDownloadBytes?: number;
  /** Receives problems that were worked around (retries, a bad or unwritable cache). Default `console.warn`. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Flux's release manifests for one version: from `localPath` when set, else from the
 * cache when its entry matches the trusted digest, else downloaded, verified and cached.
 * The trusted digest is `expectedSha256` or the release lock's. Throws `ReleaseManifestsError`.
 */
export async function resolveReleaseManifests(opts: ResolveManifestsOptions): Promise<ReleaseManifests> {
  validateOptions(opts);
  if (opts.localPath !== undefined) return loadRequiredLocalManifests(opts, opts.localPath);

  const lock = opts.lock ?? readReleaseLock();
  const sha256 = trustedDigest(opts.version, lock, opts.expectedSha256);
  const digestSource = opts.expectedSha256 !== undefined ? CONFIG_KEYS.manifestsSha256 : `the release lock ${lock.file}`;
  const warn = opts.onWarning ?? ((message: string) => console.warn(message));
  const cached = await readIntactCacheEntry(opts, sha256, warn);
  if (cached) return cached;

  const { tarball, manifests } = await downloadReleaseManifests({ ...opts, sha256, digestSource, onRetry: warn });
  try {
    await writeCachedTarball(opts.cacheDir, opts.version, sha256, tarball);
  } catch (err) {
    warn(
      `could not cache Flux ${opts.version} manifests at ${cachedTarballPath(opts.cacheDir, opts.version, sha256)}: ` +
        `${reasonOf(err)}; the next run downloads them again`,
    );
  }
  return manifests;
}

function validateOptions(opts: ResolveManifestsOptions): void {
  if (!RELEASE_VERSION_PATTERN.test(opts.version)) {
    throw new ReleaseManifestsError(
      `cannot fetch Flux manifests for version ${JSON.stringify(opts.version)}: it is not a release tag; ` +
        `set ${CONFIG_KEYS.version} to a tag such as v2.9.0 from ${DEFAULT_RELEASES_URL}`,
      { badInput: true },
    );
  }
  if (opts.expectedSha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(opts.expectedSha256)) {
    throw new ReleaseManifestsError(
      `cannot verify Flux ${opts.version} manifests against ${JSON.stringify(opts.expectedSha256)}: ` +
        `it is not a sha256; set ${CONFIG_KEYS.manifestsSha256} to 64 hex digits or remove it`,
      { badInput: true },
    );
  }
}

async function loadRequiredLocalManifests(opts: ResolveManifestsOptions, localPath: string): Promise<ReleaseManifests> {
  const source = opts.localPathSource ?? CONFIG_KEYS.manifests;
  const manifests = await loadLocalManifests(localPath, opts.version, { expectedSha256: opts.expectedSha256, source });
  const missing = missingFiles(manifests, opts.requiredFiles);
  if (missing.length > 0) {
    throw new ReleaseManifestsError(
      `Flux ${opts.version} manifests read from ${localPath} (${source}) lack ${missing.join(", ")}; ` +
        `point ${source} at the unpacked manifests.tar.gz of Flux ${opts.version}, or at that tarball`,
    );
  }
  return manifests;
}

/** A cache entry that fails verification is reported in one line, removed, and treated as absent. */
async function readIntactCacheEntry(
  opts: ResolveManifestsOptions,
  sha256: string,
  warn: (message: string) => void,
): Promise<ReleaseManifests | undefined> {
  const where = cachedTarballPath(opts.cacheDir, opts.version, sha256);
  const discard = async (reason: string): Promise<undefined> => {
    warn(`rejected the cached Flux ${opts.version} manifests at ${where}: ${reason}; downloading a fresh copy`);
    await removeCachedTarball(opts.cacheDir, opts.version, sha256).catch(() => undefined);
    return undefined;
  };

  let entry;
  try {
    entry = await readCachedTarball(opts.cacheDir, opts.version, sha256);
  } catch (err) {
    return discard(reasonOf(err));
  }
  if (entry.state === "absent") return undefined;
  if (entry.state === "poisoned") return discard(entry.reason);
  let manifests: ReleaseManifests;
  try {
    manifests = manifestsFromTarFiles(opts.version, readTarGz(entry.tarball));
  } catch (err) {
    return discard(reasonOf(err));
  }
  const missing = missingFiles(manifests, opts.requiredFiles);
  if (missing.length > 0) return discard(`it lacks ${missing.join(", ")}`);
  return manifests;
}
