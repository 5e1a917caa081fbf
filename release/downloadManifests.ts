import { CONFIG_KEYS, ReleaseManifestsError, formatBytes, reasonOf } from "./errors";
import { ReleaseManifests, manifestsFromTarFiles, missingFiles, sha256Hex } from "./manifestSet";
import { readTarGz } from "./tarGz";

export const DEFAULT_RELEASES_URL = "https://github.com/fluxcd/flux2/releases";
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Flux v2.9.0's tarball is 47 KiB; the cap only stops a runaway response. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 16 * 1024 * 1024;
const MAX_CHECKSUMS_BYTES = 1024 * 1024;
const TARBALL_NAME = "manifests.tar.gz";

export interface DownloadManifestsOptions {
  /** Release tag, e.g. `v2.9.0`. */
  readonly version: string;
  /** File names the tarball must contain. */
  readonly requiredFiles: readonly string[];
  /** Also required to match, besides the release's checksums file. Default: not checked. */
  readonly expectedSha256?: string;
  /** Releases page of fluxcd/flux2 or a mirror with the same layout. Default `DEFAULT_RELEASES_URL`. */
  readonly baseUrl?: string;
  /** Default: the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
  /** Per request, body included. Default `DEFAULT_DOWNLOAD_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
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
 * Downloads Flux's `manifests.tar.gz` for one release and verifies it: its sha256
 * is the one the release's checksums file lists (and `expectedSha256`, when given),
 * it unpacks, and it holds every required file.
 */
export async function downloadReleaseManifests(opts: DownloadManifestsOptions): Promise<DownloadedManifests> {
  const { version } = opts;
  const urls = releaseAssetUrls(version, opts.baseUrl);
  const request = {
    fetchImpl: opts.fetchImpl ?? fetch,
    timeoutMs: opts.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
  };
  const useLocalCopy = `set ${CONFIG_KEYS.manifests} to a verified local copy`;

  let tarball: Buffer;
  try {
    tarball = await downloadBytes(urls.tarball, { ...request, maxBytes: opts.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES });
  } catch (err) {
    throw new ReleaseManifestsError(
      `could not download Flux ${version} manifests from ${urls.tarball}: ${reasonOf(err)}; ` +
        `check ${CONFIG_KEYS.version} or set ${CONFIG_KEYS.manifests} to a local copy`,
      { cause: err },
    );
  }

  let checksums: string;
  try {
    checksums = (await downloadBytes(urls.checksums, { ...request, maxBytes: MAX_CHECKSUMS_BYTES })).toString("utf8");
  } catch (err) {
    throw new ReleaseManifestsError(
      `could not download the Flux ${version} checksums file from ${urls.checksums}: ${reasonOf(err)}; ` +
        `a mirror must serve it next to ${TARBALL_NAME}, or ${useLocalCopy}`,
      { cause: err },
    );
  }

  const listed = parseChecksums(checksums).get(TARBALL_NAME);
  if (listed === undefined) {
    throw new ReleaseManifestsError(
      `the Flux ${version} checksums file ${urls.checksums} lists no sha256 for ${TARBALL_NAME}, ` +
        `so the download cannot be verified; check the mirror or ${useLocalCopy}`,
    );
  }
  const actual = sha256Hex(tarball);
  if (actual !== listed) {
    throw new ReleaseManifestsError(
      `Flux ${version} manifests downloaded from ${urls.tarball} have sha256 ${actual} but ${urls.checksums} ` +
        `lists ${listed}; the download is corrupt or was altered: retry, check the mirror, or ${useLocalCopy}`,
    );
  }
  const expected = opts.expectedSha256?.toLowerCase();
  if (expected !== undefined && actual !== expected) {
    throw new ReleaseManifestsError(
      `Flux ${version} manifests downloaded from ${urls.tarball} have sha256 ${actual} but ` +
        `${CONFIG_KEYS.manifestsSha256} expects ${expected}; set it to the sha256 that ${urls.checksums} ` +
        `lists for ${TARBALL_NAME}, or check ${CONFIG_KEYS.version}`,
    );
  }

  let manifests: ReleaseManifests;
  try {
    manifests = manifestsFromTarFiles(version, readTarGz(tarball));
  } catch (err) {
    throw new ReleaseManifestsError(
      `could not unpack Flux ${version} manifests downloaded from ${urls.tarball}: ${reasonOf(err)}; ${useLocalCopy}`,
      { cause: err },
    );
  }
  const missing = missingFiles(manifests, opts.requiredFiles);
  if (missing.length > 0) {
    throw new ReleaseManifestsError(
      `Flux ${version} manifests downloaded from ${urls.tarball} lack ${missing.join(", ")}; ` +
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

interface DownloadLimits {
  readonly fetchImpl: typeof fetch;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** GET with redirects followed; rejects non-2xx, timeouts and bodies over `maxBytes`. */
async function downloadBytes(url: string, { fetchImpl, timeoutMs, maxBytes }: DownloadLimits): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = (err: unknown): Error =>
    signal.aborted ? new Error(`timed out after ${timeoutMs} ms`) : (err as Error);
  const tooLarge = (): Error => new Error(`response is larger than the ${formatBytes(maxBytes)} limit`);

  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: "follow", signal });
  } catch (err) {
    throw timedOut(err);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    throw timedOut(err);
  }
  return Buffer.concat(chunks, total);
}
