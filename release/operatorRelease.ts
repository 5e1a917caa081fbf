import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  operatorImageVersion,
  operatorInstallObjects,
  OperatorManifestsError,
  type OperatorManifests,
} from "../generators/fluxOperator/operatorObjects";
import { writeFileAtomically } from "./atomicWrite";
import { ReleaseManifestsError, formatBytes, reasonOf } from "./errors";
import { DownloadOptions, downloadWithRetries } from "./httpDownload";
import { decodeManifestText, RELEASE_VERSION_PATTERN, sha256Hex } from "./manifestSet";
import { readReleaseLock, type ReleaseLock } from "./releaseLock";

export type { OperatorManifests } from "../generators/fluxOperator/operatorObjects";

/**
 * The Flux Operator's `install.yaml` for one release, obtained like Flux's manifests: from a local
 * copy (`flux.operator.manifests`), else from the cache when it matches the lock's digest, else
 * downloaded (with the same bounded retries), verified against the lock and cached. The asset is
 * published by GoReleaser with each release and listed in its checksums file
 * (controlplaneio-fluxcd/flux-operator .goreleaser.yml `release.extra_files` and `checksum.extra_files`).
 */

export const OPERATOR_RELEASES_URL = "https://github.com/controlplaneio-fluxcd/flux-operator/releases";
/** The committed lock: operator release tag → sha256 of its install.yaml. */
export const OPERATOR_LOCK_FILE = path.join(__dirname, "flux-operator-lock.json");
export const OPERATOR_LOCK_COMMAND = "npm run flux:lock -- --operator";
export const OPERATOR_INSTALL_FILE = "install.yaml";
/** v0.58.1's install.yaml is 96 KiB; the cap only stops a runaway response. */
export const OPERATOR_MAX_BYTES = 8 * 1024 * 1024;
export const OPERATOR_KEYS = Object.freeze({
  version: "aks-flux-gitops:flux.operator.version",
  manifests: "aks-flux-gitops:flux.operator.manifests",
});

export interface OperatorAssetUrls {
  readonly installYaml: string;
  readonly checksums: string;
}

/** `…/releases/download/v0.58.1/install.yaml` and GoReleaser's `flux-operator_0.58.1_checksums.txt` beside it. */
export function operatorAssetUrls(version: string, baseUrl: string = OPERATOR_RELEASES_URL): OperatorAssetUrls {
  const base = `${baseUrl.replace(/\/+$/, "")}/download/${version}`;
  return { installYaml: `${base}/${OPERATOR_INSTALL_FILE}`, checksums: `${base}/flux-operator_${version.replace(/^v/, "")}_checksums.txt` };
}

/** `<cacheDir>/flux-operator/<version>/install-<sha256>.yaml`: the digest it was verified against is in its name. */
export function operatorCachePath(cacheDir: string, version: string, sha256: string): string {
  if (!RELEASE_VERSION_PATTERN.test(version)) throw new Error(`refusing to build a cache path from the version ${JSON.stringify(version)}`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`refusing to build a cache path from the digest ${JSON.stringify(sha256)}`);
  return path.join(cacheDir, "flux-operator", version, `install-${sha256}.yaml`);
}

export interface ResolveOperatorManifestsOptions extends DownloadOptions {
  /** Operator release tag, e.g. `v0.58.1` (`flux.operator.version`). */
  readonly version: string;
  /** `flux.operator.manifests`: an install.yaml file, or a directory holding one; trusted as given. */
  readonly localPath?: string;
  /** Where `localPath` came from, named in messages. Default `aks-flux-gitops:flux.operator.manifests`. */
  readonly localPathSource?: string;
  /** Root of the program's cache. */
  readonly cacheDir: string;
  /** Default: `release/flux-operator-lock.json`. */
  readonly lock?: ReleaseLock;
  /** Default: the operator's GitHub releases; a mirror must keep the `download/<tag>/` layout. */
  readonly baseUrl?: string;
  readonly maxDownloadBytes?: number;
  /** Problems that were worked around (retries, a bad or unwritable cache). Default `console.warn`. */
  readonly onWarning?: (message: string) => void;
}

export async function resolveOperatorManifests(opts: ResolveOperatorManifestsOptions): Promise<OperatorManifests> {
  const { version } = opts;
  if (!RELEASE_VERSION_PATTERN.test(version)) {
    throw new ReleaseManifestsError(
      `cannot fetch the Flux Operator ${JSON.stringify(version)}: it is not a release tag; set ${OPERATOR_KEYS.version} to a tag such as v0.58.1 from ${OPERATOR_RELEASES_URL}`,
      { badInput: true },
    );
  }
  if (opts.localPath !== undefined)
    return readLocalOperatorManifests(opts.localPath, version, opts.localPathSource ?? OPERATOR_KEYS.manifests);

  const lock = opts.lock ?? readReleaseLock(OPERATOR_LOCK_FILE);
  const sha256 = Object.prototype.hasOwnProperty.call(lock.releases, version) ? lock.releases[version].sha256 : undefined;
  if (sha256 === undefined) {
    throw new ReleaseManifestsError(
      `the Flux Operator ${version} is not in the release lock ${lock.file}, so its download cannot be verified; ` +
        `run \`${OPERATOR_LOCK_COMMAND} ${version}\` online and commit the reviewed lock, or set ${OPERATOR_KEYS.manifests} to a verified local copy of its install.yaml`,
      { badInput: true },
    );
  }
  const warn = opts.onWarning ?? ((message: string) => console.warn(message));
  const where = operatorCachePath(opts.cacheDir, version, sha256);
  const cached = await readCache(where, sha256, version).catch((err: unknown) => {
    warn(`rejected the cached Flux Operator ${version} install.yaml at ${where}: ${reasonOf(err)}; downloading a fresh copy`);
    return fs.rm(where, { force: true }).then(
      () => undefined,
      () => undefined,
    );
  });
  if (cached !== undefined) return cached;

  const url = operatorAssetUrls(version, opts.baseUrl).installYaml;
  let body: Buffer;
  try {
    body = await downloadWithRetries(url, opts.maxDownloadBytes ?? OPERATOR_MAX_BYTES, { ...opts, onRetry: opts.onRetry ?? warn });
  } catch (err) {
    throw new ReleaseManifestsError(
      `could not download the Flux Operator ${version} install.yaml from ${url}: ${reasonOf(err)}; check ${OPERATOR_KEYS.version} or set ${OPERATOR_KEYS.manifests} to a local copy`,
      { cause: err },
    );
  }
  const actual = sha256Hex(body);
  if (actual !== sha256) {
    throw new ReleaseManifestsError(
      `the Flux Operator ${version} install.yaml downloaded from ${url} has sha256 ${actual} but the release lock ${lock.file} expects ${sha256}; ` +
        `the download is truncated or was altered, or the digest is wrong: check the mirror, or set ${OPERATOR_KEYS.manifests} to a verified local copy`,
    );
  }
  const manifests = checkedManifests(version, decode(body, url), `downloaded from ${url}`);
  try {
    await writeFileAtomically(where, body);
  } catch (err) {
    warn(`could not cache the Flux Operator ${version} install.yaml at ${where}: ${reasonOf(err)}; the next run downloads it again`);
  }
  return manifests;
}

/** A cache entry: undefined when absent; throws when its bytes do not hash to the digest it is stored under. */
async function readCache(where: string, sha256: string, version: string): Promise<OperatorManifests | undefined> {
  let body: Buffer;
  try {
    body = await fs.readFile(where);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
  const actual = sha256Hex(body);
  if (actual !== sha256) throw new Error(`its sha256 is ${actual}, not the ${sha256} it is stored under`);
  return checkedManifests(version, decode(body, where), `cached at ${where}`);
}

async function readLocalOperatorManifests(localPath: string, version: string, source: string): Promise<OperatorManifests> {
  let where = path.resolve(localPath);
  const fail = (reason: string, cause?: unknown) =>
    new ReleaseManifestsError(
      `could not read the Flux Operator ${version} install.yaml from ${where} (${source}): ${reason}; set ${source} to the release's install.yaml or a directory holding it`,
      { cause },
    );
  let body: Buffer;
  try {
    if ((await fs.stat(where)).isDirectory()) where = path.join(where, OPERATOR_INSTALL_FILE);
    const stat = await fs.stat(where);
    if (!stat.isFile()) throw new Error("it is not a file");
    if (stat.size > OPERATOR_MAX_BYTES) throw new Error(`it is larger than ${formatBytes(OPERATOR_MAX_BYTES)}`);
    body = await fs.readFile(where);
  } catch (err) {
    throw fail(reasonOf(err), err);
  }
  return checkedManifests(version, decode(body, where), `read from ${where} (${source})`);
}

function decode(body: Buffer, where: string): string {
  try {
    return decodeManifestText(where, body);
  } catch (err) {
    throw new ReleaseManifestsError(`the Flux Operator install.yaml at ${where} is not UTF-8 text: ${reasonOf(err)}`);
  }
}

/**
 * The file must be the operator's install.yaml (its Namespace, the FluxInstance CRD, its Deployment)
 * for `version`: the Deployment's image tag names the release.
 */
function checkedManifests(version: string, text: string, origin: string): OperatorManifests {
  const manifests: OperatorManifests = { version, installYaml: text };
  let objects;
  try {
    objects = operatorInstallObjects(manifests, { namespace: "flux-system" });
  } catch (err) {
    if (!(err instanceof OperatorManifestsError)) throw err;
    throw new ReleaseManifestsError(`${err.message} (${origin}); use the install.yaml asset of ${OPERATOR_RELEASES_URL}/tag/${version}`);
  }
  const found = operatorImageVersion(objects);
  if (found !== version) {
    throw new ReleaseManifestsError(
      `the Flux Operator install.yaml ${origin} deploys ${found === undefined ? "no flux-operator image with a version tag" : `the operator ${found}`}, not ${OPERATOR_KEYS.version} ${version}; ` +
        `set ${OPERATOR_KEYS.version} to the release it comes from, or use the install.yaml of ${version}`,
    );
  }
  return manifests;
}
