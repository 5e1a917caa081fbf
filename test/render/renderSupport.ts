import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { resolveStackConfig } from "../../config/resolve";
import { valuesFromStackFile } from "../../config/sources";
import type { StackConfig } from "../../config/types";
import type { ReleaseManifests } from "../../generators/flux/install/releaseManifests";
import { loadFixtureRelease, loadSharedRelease } from "../../bench/fluxRelease";
import { projectRoot } from "../support/programHarness";

export const layouts = {
  "two repositories": (_v: Record<string, any>) => undefined,
  monorepo: (v: Record<string, any>) => delete v.github.appsRepository,
} as const;

/** `secretKeys`: resolve as the engine does (values decrypted, these top-level keys secret); absent: as render reads a stack file. */
export function stackConfig(
  stack: string,
  mutate: (v: Record<string, any>) => void = () => undefined,
  secretKeys?: ReadonlySet<string>,
): StackConfig {
  const values = structuredClone(valuesFromStackFile(path.join(projectRoot, `Pulumi.${stack}.yaml`))) as Record<string, any>;
  mutate(values);
  return resolveStackConfig({ project: "aks-flux-gitops", stack, values, cacheDir: "/tmp/unused", secretKeys });
}

/**
 * The real v2.9.0 release when ../shared is present (with full CRD schemas), else the
 * small fixture standing in for the release the stacks name (v2.9.0), so nothing here
 * needs a file outside the repository.
 */
export function releaseForRender(): { manifests: ReleaseManifests; real: boolean } {
  const shared = loadSharedRelease();
  return shared ? { manifests: shared, real: true } : { manifests: loadFixtureRelease("v2.9.0"), real: false };
}

export function writeTree(root: string, files: readonly { path: string; content: string }[]): void {
  for (const file of files) {
    const target = path.join(root, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}

type Schema = Record<string, unknown>;

/** openAPIV3Schema per "group/version Kind" from the CRDs in the release manifests. */
export function crdSchemas(files: Readonly<Record<string, string>>): Map<string, Schema> {
  const schemas = new Map<string, Schema>();
  for (const text of Object.values(files)) {
    for (const doc of parseAllDocuments(text)) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions) {
        if (version.schema?.openAPIV3Schema)
          schemas.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
      }
    }
  }
  return schemas;
}
