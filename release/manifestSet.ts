import { createHash } from "node:crypto";
import { posix } from "node:path";
import { TarFile, TarGzError } from "./releaseArchive";

// Structurally identical to `ReleaseManifests` in generators/flux/install/releaseManifests.ts,
// which did not exist yet when this folder was written; switch to an import once it does.
/** Flux's release YAML files by base name (`source-controller.yaml`, `rbac.yaml`, …). */
export interface ReleaseManifests {
  readonly version: string;
  readonly files: Readonly<Record<string, string>>;
}

/** Flux release tags as published on GitHub: `v2.9.0`, `v2.0.0-rc.1`. */
export const RELEASE_VERSION_PATTERN = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/;

export function isManifestFileName(name: string): boolean {
  return /\.ya?ml$/.test(name);
}

/** Frozen, with file names in sorted order so equal inputs give equal objects. */
export function releaseManifests(version: string, files: ReadonlyMap<string, string>): ReleaseManifests {
  const sorted: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) sorted[name] = files.get(name) as string;
  return Object.freeze({ version, files: Object.freeze(sorted) });
}

/** Keys the archive's YAML files by base name; other files are ignored. */
export function manifestsFromTarFiles(version: string, tarFiles: readonly TarFile[]): ReleaseManifests {
  const files = new Map<string, string>();
  const sourcePaths = new Map<string, string>();
  for (const file of tarFiles) {
    const name = posix.basename(file.path);
    if (!isManifestFileName(name)) continue;
    const earlier = sourcePaths.get(name);
    if (earlier !== undefined) {
      throw new TarGzError(`archive has two files named ${name} (${earlier} and ${file.path})`);
    }
    sourcePaths.set(name, file.path);
    files.set(name, decodeManifestText(file.path, file.data));
  }
  return releaseManifests(version, files);
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeManifestText(name: string, data: Uint8Array): string {
  try {
    return utf8.decode(data);
  } catch {
    throw new TarGzError(`${name} is not UTF-8 text`);
  }
}

/** The required names that `manifests` lacks, in the order they were asked for. */
export function missingFiles(manifests: ReleaseManifests, requiredFiles: readonly string[]): string[] {
  return requiredFiles.filter((name) => !Object.prototype.hasOwnProperty.call(manifests.files, name));
}

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
