/** Flux's release YAML files (the contents of `manifests.tar.gz`) by base name: `source-controller.yaml`, `rbac.yaml`, … */
export interface ReleaseManifests {
  /** The release tag the files come from, e.g. `v2.9.0`. */
  readonly version: string;
  readonly files: Readonly<Record<string, string>>;
}

export const RBAC_FILE = "rbac.yaml";
export const POLICIES_FILE = "policies.yaml";

export function componentFile(component: string): string {
  return `${component}.yaml`;
}

/** The files Flux's install overlay reads for these components, in the order it reads them. */
export function requiredReleaseFiles(components: readonly string[], networkPolicy: boolean): string[] {
  return [...(networkPolicy ? [POLICIES_FILE] : []), RBAC_FILE, ...components.map(componentFile)];
}

/** The required files `manifests` lacks, in the order the overlay reads them; empty when complete. */
export function missingReleaseFiles(manifests: ReleaseManifests, components: readonly string[], networkPolicy: boolean): string[] {
  return requiredReleaseFiles(components, networkPolicy).filter((name) => !Object.prototype.hasOwnProperty.call(manifests.files, name));
}

export function releaseFile(manifests: ReleaseManifests, name: string): string {
  const text = Object.prototype.hasOwnProperty.call(manifests.files, name) ? manifests.files[name] : undefined;
  if (typeof text !== "string") throw new Error(`Flux ${manifests.version} release manifests have no ${name}`);
  return text;
}
