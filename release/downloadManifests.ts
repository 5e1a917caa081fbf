import { CONFIG_KEYS, ReleaseManifestsError, reasonOf } from "./errors";
import { DownloadOptions, downloadWithRetries } from "./httpDownload";
import { ReleaseManifests, manifestsFromTarFiles, missingFiles, sha256Hex } from "./manifestSet";
import { readTarGz } from "./releaseArchive";

export { DEFAULT_DOWNLOAD_TIMEOUT_MS } from "./httpDownload";
export const DEFAULT_RELEASES_URL = "https://github.com/fluxcd/flux2/releases";
/** Flux v2.9.0's tarball is 47 KiB; the cap only stops a runaway response. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 16 * 1024 * 1024;
export const TARBALL_NAME = "manifests.tar.gz";

export interface DownloadManifestsOptions extends DownloadOptions {
  /** Release tag, e.g. `v2.9.0`. */
  readonly version: string;
  /** File names the tarball must contain. */
  readonly requiredFiles: readonly string[];
  /** The digest the tarball must have (from the release lock or `flux.manifestsSha256`). */
  readonly sha256: string;
  /** Names where `sha256` came from, for messages. */
  readonly digestSource: string;
  /** Releases page of fluxcd/flux2 or a mirror with the same layout. Default `DEFAULT_RELEASES_URL`. */
  readonly baseUrl?: string;
  /** Cap on the tarball's size. Default `DEFAULT_MAX_DOWNLOAD_BYTES`. */
  readonly maxDownloadBytes?: number;
}

export interface DownloadedManifests {
  /** The verified tarball, as downloaded, for the cache. */
  readonly tarball: Buffer;
  readonly manifests: ReleaseManifests;
}

export interface ReleaseAssetUrls {
  readonly tarball: string;
  readonly checksums: string;
}

/** Where GoReleaser publishes Flux's tarball and its checksums file (`flux_2.9.0_checksums.txt`). */
export function releaseAssetUrls(version: string, baseUrl: string = DEFAULT_RELEASES_URL): ReleaseAssetUrls {
  const base = `${baseUrl.replace(/\/+$/, "")}/download/${version}`;
  return {
    tarball: `${base}/${TARBALL_NAME}`,
    checksums: `${base}/flux_${version.replace(/^v/, "")}_checksums.txt`,
  };
}

/**
 * Downloads Flux's `manifests.tar.gz` for one release (with retries) and verifies it
 * against the digest the caller trusts, which never comes from the same server; then
 * it must unpack and hold every required file.
 */
export async function downloadReleaseManifests(opts: DownloadManifestsOptions): Promise<DownloadedManifests> {
  const { version } = opts;
  const url = releaseAssetUrls(version, opts.baseUrl).tarball;
  const useLocalCopy = `set ${CONFIG_KEYS.manifests} to a verified local copy`;

  let tarball: Buffer;
  try {
    tarball = await downloadWithRetries(url, opts.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES, opts);
  } catch (err) {
    throw new ReleaseManifestsError(
      `could not download Flux ${version} manifests from ${url}: ${reasonOf(err)}; ` +
        `check ${CONFIG_KEYS.version} or set ${CONFIG_KEYS.manifests} to a local copy`,
      { cause: err },
    );
  }

  const actual = sha256Hex(tarball);
  if (actual !== opts.sha256) {
    throw new ReleaseManifestsError(
      `Flux ${version} manifests downloaded from ${url} have sha256 ${actual} but ${opts.digestSource} expects ${opts.sha256}; ` +
        `the download is truncated or was altered, or the digest is wrong: check the mirror, or ${useLocalCopy}`,
    );
  }

  let manifests: ReleaseManifests;
  try {
    manifests = manifestsFromTarFiles(version, readTarGz(tarball));
  } catch (err) {
    throw new ReleaseManifestsError(
      `could not unpack Flux ${version} manifests downloaded from ${url}: ${reasonOf(err)}; ${useLocalCopy}`,
      { cause: err },
    );
  }
  const missing = missingFiles(manifests, opts.requiredFiles);
  if (missing.length > 0) {
    throw new ReleaseManifestsError(
      `Flux ${version} manifests downloaded from ${url} lack ${missing.join(", ")}; ` +
        `choose components that Flux ${version} ships or a newer ${CONFIG_KEYS.version}`,
    );
  }
  return { tarball, manifests };
}

/** GoReleaser's format, like `sha256sum`: `<hex>  <name>` per line (`*<name>` in binary mode). */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64}) [ *]?(.+)$/.exec(line.trim());
    if (match) sums.set(match[2].trim(), match[1].toLowerCase());
  }
  return sums;
}
