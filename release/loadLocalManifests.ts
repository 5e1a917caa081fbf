import { promises as fs } from "node:fs";
import * as path from "node:path";
import { CONFIG_KEYS, ReleaseManifestsError, formatBytes, reasonOf } from "./errors";
import {
  ReleaseManifests,
  decodeManifestText,
  isManifestFileName,
  manifestsFromTarFiles,
  releaseManifests,
  sha256Hex,
} from "./manifestSet";
import { DEFAULT_TAR_LIMITS, TarLimits, readTarGz } from "./releaseArchive";

export interface LoadLocalManifestsOptions {
  /** Checked against a `.tar.gz` (a directory has no single digest to compare). Default: not checked. */
  readonly expectedSha256?: string;
  /** Default `DEFAULT_TAR_LIMITS`; `maxUnpackedBytes` also caps a directory's total size. */
  readonly limits?: TarLimits;
  /** Where the path came from, named in messages and their fix. Default `aks-flux-gitops:flux.manifests`. */
  readonly source?: string;
}

/**
 * Reads Flux's release YAML files from what `aks-flux-gitops:flux.manifests` points
 * at: a directory of `*.yaml` files (top level only) or a `manifests.tar.gz`.
 * Does not check which files are present; `resolveReleaseManifests` does.
 */
export async function loadLocalManifests(
  localPath: string,
  version: string,
  options: LoadLocalManifestsOptions = {},
): Promise<ReleaseManifests> {
  const where = path.resolve(localPath);
  const limits = options.limits ?? DEFAULT_TAR_LIMITS;
  const source = options.source ?? CONFIG_KEYS.manifests;
  const fail = (reason: string, cause?: unknown): ReleaseManifestsError =>
    new ReleaseManifestsError(
      `could not read Flux ${version} manifests from ${where} (${source}): ${reason}; ` +
        `set ${source} to a directory holding the files of Flux's manifests.tar.gz, or to that tarball`,
      { cause },
    );

  let stat;
  try {
    stat = await fs.stat(where);
  } catch (err) {
    throw fail(reasonOf(err), err);
  }
  if (stat.isDirectory()) return readManifestDirectory(where, version, limits, fail);
  if (!stat.isFile() || !/\.(tar\.gz|tgz)$/.test(where)) {
    throw fail("it is neither a directory nor a .tar.gz file");
  }
  if (stat.size > limits.maxUnpackedBytes) {
    throw fail(`the file is larger than ${formatBytes(limits.maxUnpackedBytes)}`);
  }

  let tarball: Buffer;
  try {
    tarball = await fs.readFile(where);
  } catch (err) {
    throw fail(reasonOf(err), err);
  }
  const expected = options.expectedSha256?.toLowerCase();
  const actual = sha256Hex(tarball);
  if (expected !== undefined && actual !== expected) {
    throw new ReleaseManifestsError(
      `Flux ${version} manifests in ${where} (${source}) have sha256 ${actual} ` +
        `but ${CONFIG_KEYS.manifestsSha256} expects ${expected}; ` +
        `replace the file with the verified release tarball or correct ${CONFIG_KEYS.manifestsSha256}`,
    );
  }
  try {
    return manifestsFromTarFiles(version, readTarGz(tarball, limits));
  } catch (err) {
    throw fail(reasonOf(err), err);
  }
}

async function readManifestDirectory(
  dir: string,
  version: string,
  limits: TarLimits,
  fail: (reason: string, cause?: unknown) => ReleaseManifestsError,
): Promise<ReleaseManifests> {
  const files = new Map<string, string>();
  try {
    const names = (await fs.readdir(dir)).filter(isManifestFileName).sort();
    let total = 0;
    for (const name of names) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file);
      if (!stat.isFile()) continue;
      total += stat.size;
      if (total > limits.maxUnpackedBytes) {
        throw new Error(`its YAML files add up to more than ${formatBytes(limits.maxUnpackedBytes)}`);
      }
      files.set(name, decodeManifestText(name, await fs.readFile(file)));
    }
  } catch (err) {
    throw fail(reasonOf(err), err);
  }
  return releaseManifests(version, files);
}
