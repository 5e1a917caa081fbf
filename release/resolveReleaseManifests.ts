import { DEFAULT_RELEASES_URL, downloadReleaseManifests } from "./downloadManifests";
import { CONFIG_KEYS, ReleaseManifestsError, reasonOf } from "./errors";
import { loadLocalManifests } from "./loadLocalManifests";
import { cachedTarballPath, readCachedTarball, writeCachedTarball } from "./manifestCache";
import {
  RELEASE_VERSION_PATTERN,
  ReleaseManifests,
  manifestsFromTarFiles,
  missingFiles,
  sha256Hex,
} from "./manifestSet";
import { readTarGz } from "./tarGz";

export { ReleaseManifestsError } from "./errors";
export type { ReleaseManifests } from "./manifestSet";

export interface ResolveManifestsOptions {
  /** Flux release tag, e.g. `v2.9.0` (`aks-flux-gitops:flux.version`). */
  readonly version: string;
  /** Files the selected components need, plus `rbac.yaml` and `policies.yaml`. */
  readonly requiredFiles: readonly string[];
  /** `aks-flux-gitops:flux.manifests`: a directory or `.tar.gz`; when set, no cache and no network. */
  readonly localPath?: string;
  /** Root of the program's cache; entries go to `<cacheDir>/flux/<version>/manifests.tar.gz`. */
  readonly cacheDir: string;
  /** `aks-flux-gitops:flux.manifestsSha256`: pins the tarball (download, cache or local `.tar.gz`). */
  readonly expectedSha256?: string;
  /** Default `https://github.com/fluxcd/flux2/releases`; a mirror must keep the `download/<tag>/` layout. */
  readonly baseUrl?: string;
  /** Default: the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
  /** Per request. Default 60 s. */
  readonly timeoutMs?: number;
  /** Cap on the downloaded tarball. Default 16 MiB. */
  readonly maxDownloadBytes?: number;
  /** Receives problems that were worked around (corrupt or unwritable cache). Default `console.warn`. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Flux's release manifests for one version: from `localPath` when set, else from
 * the cache when its entry is intact, else downloaded, verified and cached.
 * Throws `ReleaseManifestsError`.
 */
export async function resolveReleaseManifests(opts: ResolveManifestsOptions): Promise<ReleaseManifests> {
  validateOptions(opts);
  if (opts.localPath !== undefined) return loadRequiredLocalManifests(opts, opts.localPath);

  const warn = opts.onWarning ?? ((message: string) => console.warn(message));
  const cached = await readIntactCacheEntry(opts, warn);
  if (cached) return cached;

  const { tarball, manifests } = await downloadReleaseManifests(opts);
  try {
    await writeCachedTarball(opts.cacheDir, opts.version, tarball);
  } catch (err) {
    warn(
      `could not cache Flux ${opts.version} manifests at ${cachedTarballPath(opts.cacheDir, opts.version)}: ` +
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
    );
  }
  if (opts.expectedSha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(opts.expectedSha256)) {
    throw new ReleaseManifestsError(
      `cannot verify Flux ${opts.version} manifests against ${JSON.stringify(opts.expectedSha256)}: ` +
        `it is not a sha256; set ${CONFIG_KEYS.manifestsSha256} to 64 hex digits or remove it`,
    );
  }
}

async function loadRequiredLocalManifests(opts: ResolveManifestsOptions, localPath: string): Promise<ReleaseManifests> {
  const manifests = await loadLocalManifests(localPath, opts.version, { expectedSha256: opts.expectedSha256 });
  const missing = missingFiles(manifests, opts.requiredFiles);
  if (missing.length > 0) {
    throw new ReleaseManifestsError(
      `Flux ${opts.version} manifests read from ${localPath} (${CONFIG_KEYS.manifests}) lack ${missing.join(", ")}; ` +
        `point ${CONFIG_KEYS.manifests} at the unpacked manifests.tar.gz of Flux ${opts.version}, or at that tarball`,
    );
  }
  return manifests;
}

/** A cache entry that fails verification is reported and treated as absent, so it gets replaced. */
async function readIntactCacheEntry(
  opts: ResolveManifestsOptions,
  warn: (message: string) => void,
): Promise<ReleaseManifests | undefined> {
  const where = cachedTarballPath(opts.cacheDir, opts.version);
  const discard = (reason: string): undefined => {
    warn(`cached Flux ${opts.version} manifests at ${where} are unusable (${reason}); downloading a fresh copy`);
    return undefined;
  };

  let tarball: Buffer | undefined;
  try {
    tarball = await readCachedTarball(opts.cacheDir, opts.version);
  } catch (err) {
    return discard(reasonOf(err));
  }
  if (tarball === undefined) return undefined;

  const expected = opts.expectedSha256?.toLowerCase();
  if (expected !== undefined && sha256Hex(tarball) !== expected) {
    return discard(`sha256 ${sha256Hex(tarball)} is not the expected ${expected}`);
  }
  let manifests: ReleaseManifests;
  try {
    manifests = manifestsFromTarFiles(opts.version, readTarGz(tarball));
  } catch (err) {
    return discard(reasonOf(err));
  }
  const missing = missingFiles(manifests, opts.requiredFiles);
  if (missing.length > 0) return discard(`it lacks ${missing.join(", ")}`);
  return manifests;
}
