/**
 * Where each environment's files live in the repositories. Every path a stack
 * writes contains its environment's name, so stacks never touch each other's files.
 */
export interface EnvironmentLayout {
  /** What Flux's flux-system Kustomization reconciles: `clusters/<env>`. */
  readonly clusterDir: string;
  /** Flux's own files, `clusters/<env>/<namespace>` as `flux bootstrap` writes them (path.Join(TargetPath, Namespace)). */
  readonly fluxSystemDir: string;
  /** Infra repository directory the `infrastructure` Kustomization reconciles. */
  readonly infrastructureDir: string;
  /** Infra repository directory of each layer's Kustomization: `<layer>/overlays/<env>`. */
  readonly layerDir: (layer: string) => string;
  /** Apps repository directory the `apps` Kustomization reconciles (from `apps.path`). */
  readonly appsDir: string;
}

export function environmentLayout(environment: string, appsPath: string, fluxNamespace: string): EnvironmentLayout {
  return {
    clusterDir: `clusters/${environment}`,
    fluxSystemDir: `clusters/${environment}/${fluxNamespace}`,
    infrastructureDir: `infrastructure/overlays/${environment}`,
    layerDir: (layer) => `${layer}/overlays/${environment}`,
    appsDir: appsPath.replace(/^\.\//, ""),
  };
}

/** A path as a Flux Kustomization's `spec.path` spells it. */
export function fluxPath(dir: string): string {
  return `./${dir.replace(/^\.\//, "")}`;
}
