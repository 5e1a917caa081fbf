import type { KubeObject } from "../kube/object";
import { fluxGitRef, type GitRef } from "../git/gitRef";
import { marshalYaml } from "../yaml/goYaml";
import { fluxGeneratedWarning } from "./header";

export interface FluxSyncOptions {
  /** Name of the GitRepository and Kustomization: `flux bootstrap` uses the namespace. */
  readonly name: string;
  readonly namespace: string;
  /** `ssh://git@<host>/<owner>/<repo>`. */
  readonly url: string;
  readonly ref: GitRef;
  /** GitRepository interval, Go form ("1m0s"). */
  readonly interval: string;
  /** Path the Kustomization reconciles, without or with a leading "./" (e.g. "clusters/dev"). */
  readonly path: string;
  readonly secretName: string;
}

/** A Flux GitRepository over SSH with a deploy-key Secret, as `flux create source git` writes it. */
export function gitRepositoryObject(options: Omit<FluxSyncOptions, "path">): KubeObject {
  return {
    apiVersion: "source.toolkit.fluxcd.io/v1",
    kind: "GitRepository",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      interval: options.interval,
      ref: fluxGitRef(options.ref),
      secretRef: { name: options.secretName },
      url: options.url,
    },
  };
}

/** The GitRepository and Kustomization `flux bootstrap` applies and commits as gotk-sync.yaml. */
export function fluxSyncObjects(options: FluxSyncOptions): readonly [KubeObject, KubeObject] {
  const metadata = { name: options.name, namespace: options.namespace };
  return [
    gitRepositoryObject(options),
    {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata,
      spec: {
        interval: "10m0s",
        path: `./${options.path.replace(/^\.\//, "")}`,
        prune: true,
        sourceRef: { kind: "GitRepository", name: options.name },
      },
    },
  ];
}

/** gotk-sync.yaml, byte for byte as Flux's `pkg/manifestgen/sync` writes it. */
export function generateFluxSync(options: FluxSyncOptions): string {
  const [gitRepository, kustomization] = fluxSyncObjects(options);
  return `${fluxGeneratedWarning}\n---\n${marshalYaml(gitRepository)}---\n${marshalYaml(kustomization)}`;
}
