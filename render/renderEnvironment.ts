import type { StackConfig } from "../config/types";
import { objectId } from "../generators/kube/object";
import { planEnvironment, type FluxInstallManifests } from "../plan/environmentPlan";
import { placeholderFacts } from "../plan/deployFacts";
import { marshalYaml } from "../generators/yaml/goYaml";

export interface RenderedFile {
  /** Relative to the render output directory. */
  readonly path: string;
  readonly content: string;
}

/**
 * The offline dry run of one environment, from the same plan the Pulumi components
 * use: every file the stack commits (`repos/<repository>/<path>`) and every object it
 * applies to the cluster directly (`cluster/<kind>-<namespace>-<name>.yaml`), with
 * deploy-time values as readable placeholders and secret values redacted.
 */
export function renderEnvironment(cfg: StackConfig, manifests: FluxInstallManifests): RenderedFile[] {
  const plan = planEnvironment(cfg, manifests);
  const repoFiles = plan.files.map((file) => ({ path: `repos/${file.repository}/${file.path}`, content: file.content(placeholderFacts) }));
  const { components, sync } = plan.plannedClusterObjects;
  const clusterObjects = [...components, ...Object.values(plan.redactedSecrets), ...sync].map((obj) => ({
    path: `cluster/${objectId(obj)}.yaml`,
    content: marshalYaml(obj),
  }));
  return [...repoFiles, ...clusterObjects];
}
