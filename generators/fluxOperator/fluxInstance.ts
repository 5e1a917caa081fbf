import type { GitRef } from "../git/gitRef";
import type { KubeObject } from "../kube/object";
import type { KustomizePatch } from "../kustomize/patchTypes";
import { marshalYaml } from "../yaml/goYaml";

/**
 * The `FluxInstance` the Flux Operator installs and upgrades Flux from, as
 * controlplaneio-fluxcd/flux-operator v0.58.1 defines it (api/v1/fluxinstance_types.go):
 * `distribution`, `components`, `cluster`, `sync` and `kustomize.patches`. The operator
 * builds Flux from the manifests in its image for `distribution.version` (an exact
 * version or a semver range it upgrades within), and, from `sync`, a GitRepository and a
 * Kustomization named after the instance's namespace (internal/builder/templates.go
 * `syncTmpl`), the names `flux bootstrap` gives them.
 */

/** The CRD accepts no other name ("the only accepted name for a FluxInstance is 'flux'"). */
export const fluxInstanceName = "flux";
export const fluxInstanceApiVersion = "fluxcd.controlplane.io/v1";
/** The file the instance is committed as, next to its kustomization.yaml in `clusters/<env>/<namespace>/`. */
export const fluxInstanceFile = "flux-instance.yaml";

export interface FluxInstanceSync {
  /** `ssh://git@<host>/<owner>/<repo>`: the operator's GitRepository clones over SSH with `pullSecret`. */
  readonly url: string;
  /** A branch or a tag (the operator's `sync.ref` is a Git reference name; ranges and commits have none). */
  readonly ref: GitRef;
  /** The directory the sync Kustomization reconciles, e.g. `clusters/dev`. */
  readonly path: string;
  /** Go duration, e.g. `1m0s`. */
  readonly interval: string;
  /** The Secret with `identity`, `identity.pub` and `known_hosts` (as `flux create secret git` writes it). */
  readonly pullSecret: string;
}

export interface FluxInstanceOptions {
  /** The operator's namespace: the instance must live where the operator runs, and Flux is installed there. */
  readonly namespace: string;
  /** `distribution.version`: an exact Flux version (`2.9.0`) or a range (`2.9.x`, `2.x`). */
  readonly version: string;
  /** `distribution.registry`, e.g. `ghcr.io/fluxcd`. */
  readonly registry: string;
  /** `distribution.imagePullSecret`; "" for none. */
  readonly imagePullSecret: string;
  readonly components: readonly string[];
  /** `cluster.type`: `azure` for AKS, `kubernetes` for any other cluster. */
  readonly clusterType: "azure" | "kubernetes";
  readonly networkPolicy: boolean;
  /** `cluster.domain`, e.g. `cluster.local`. */
  readonly clusterDomain: string;
  /** `cluster.multitenant`: the operator's multi-tenancy lockdown (the same flags Flux's docs patch in). */
  readonly multitenant: boolean;
  readonly sync: FluxInstanceSync;
  /** `kustomize.patches`, applied by the operator to the Flux objects it builds. */
  readonly patches: readonly KustomizePatch[];
}

/**
 * Flux's Kustomization never prunes the instance: a FluxInstance deleted by a pruning Kustomization
 * would make the operator uninstall Flux. Removing the file from Git leaves Flux running.
 */
export const fluxInstanceAnnotations: Readonly<Record<string, string>> = { "kustomize.toolkit.fluxcd.io/prune": "disabled" };

/** `sync.ref` as the operator's GitRepository `ref.name` reads it: `refs/heads/<branch>` or `refs/tags/<tag>`. */
export function operatorSyncRef(ref: GitRef): string {
  if ("branch" in ref) return `refs/heads/${ref.branch}`;
  if ("tag" in ref) return `refs/tags/${ref.tag}`;
  throw new Error(
    `the Flux Operator's sync.ref is a Git reference name; ${"semver" in ref ? "a semver range" : "a commit"} has none (use a branch or a tag)`,
  );
}

export function fluxInstanceObject(options: FluxInstanceOptions): KubeObject {
  const distribution: Record<string, string> = { version: options.version, registry: options.registry };
  if (options.imagePullSecret !== "") distribution.imagePullSecret = options.imagePullSecret;
  const spec: Record<string, unknown> = {
    distribution,
    components: [...options.components],
    cluster: {
      type: options.clusterType,
      multitenant: options.multitenant,
      networkPolicy: options.networkPolicy,
      domain: options.clusterDomain,
    },
    sync: {
      kind: "GitRepository",
      url: options.sync.url,
      ref: operatorSyncRef(options.sync.ref),
      path: options.sync.path.replace(/^\.\//, ""),
      pullSecret: options.sync.pullSecret,
      interval: options.sync.interval,
    },
  };
  if (options.patches.length > 0) {
    spec.kustomize = {
      patches: options.patches.map((p) => (p.target === undefined ? { patch: p.patch } : { patch: p.patch, target: { ...p.target } })),
    };
  }
  return {
    apiVersion: fluxInstanceApiVersion,
    kind: "FluxInstance",
    metadata: { name: fluxInstanceName, namespace: options.namespace, annotations: { ...fluxInstanceAnnotations } },
    spec,
  };
}

/** `flux-instance.yaml`: the instance, under `header` (the stack-owned file header). */
export function generateFluxInstanceFile(instance: KubeObject, header: string): string {
  return `${header}---\n${marshalYaml(instance)}`;
}

/**
 * The kustomization.yaml next to it: only the instance. Flux's sync Kustomization applies it
 * from Git; the GitRepository and Kustomization the operator creates are not in Git, so
 * nothing in the repository fights the operator over them.
 */
export function generateFluxInstanceKustomization(): string {
  return marshalYaml({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [fluxInstanceFile] });
}
