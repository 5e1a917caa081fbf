import { ConfigError, problem } from "../config/errors";
import type { StackConfig } from "../config/types";
import { lockdownPatches } from "../generators/flux/multitenancy";
import { workloadIdentityPatches } from "../generators/flux/workloadIdentity";
import { objectId, type KubeObject } from "../generators/kube/object";
import { applyPatches } from "../generators/kustomize/patches";
import type { KustomizePatch } from "../generators/kustomize/patchTypes";
import type { DeployFacts } from "./deployFacts";
import { placeholderFacts } from "./deployFacts";
import { fluxSystemSourceName } from "../generators/flux/objectNames";

/** The service account Kustomizations and HelmReleases without one impersonate under the lockdown (Flux's docs). */
export const lockdownDefaultServiceAccount = "default";

/**
 * The patches of `clusters/<env>/<namespace>/kustomization.yaml`, in order: the
 * multi-tenancy lockdown, workload identity, then the stack's `flux.patches` (last, so
 * a stack can adjust what the program sets).
 */
export function fluxPatches(cfg: StackConfig, facts: DeployFacts): KustomizePatch[] {
  return [...programPatches(cfg, facts), ...cfg.flux.patches];
}

function programPatches(cfg: StackConfig, facts: DeployFacts): KustomizePatch[] {
  return [
    ...(cfg.flux.multitenant
      ? lockdownPatches({ defaultServiceAccount: lockdownDefaultServiceAccount, syncName: fluxSystemSourceName(cfg.flux.namespace) })
      : []),
    ...(cfg.flux.workloadIdentity
      ? workloadIdentityPatches({ controllers: cfg.flux.workloadIdentity.controllers, clientId: facts.fluxClientId })
      : []),
  ];
}

export interface FluxClusterObjects {
  readonly components: readonly KubeObject[];
  readonly sync: readonly KubeObject[];
}

/**
 * What the program applies: gotk-components and gotk-sync objects after the patches,
 * as `kubectl kustomize clusters/<env>/<namespace>` builds them (and as Flux then
 * reconciles them). A patch that cannot apply is a configuration error naming its key.
 */
export function patchedFluxObjects(cfg: StackConfig, unpatched: FluxClusterObjects, facts: DeployFacts): FluxClusterObjects {
  const programCount = programPatches(cfg, facts).length;
  const all = applyPatches([...unpatched.components, ...unpatched.sync], fluxPatches(cfg, facts), (index, error) => {
    if (index < programCount) throw new Error(`the program's own Flux patch ${index + 1} failed: ${error.message}`);
    const i = index - programCount;
    throw new ConfigError([problem(["flux", "patches", i], cfg.flux.patches[i], `cannot be applied: ${error.message}`)]);
  });
  return { components: all.slice(0, unpatched.components.length), sync: all.slice(unpatched.components.length) };
}

/** Ids of the objects whose content depends on deploy facts (they differ between two different sets of facts). */
export function factDependentObjectIds(cfg: StackConfig, unpatched: FluxClusterObjects): ReadonlySet<string> {
  if (!cfg.flux.workloadIdentity) return new Set();
  const other: DeployFacts = Object.fromEntries(
    Object.entries(placeholderFacts).map(([k, v]) => [k, `${v}-other`]),
  ) as unknown as DeployFacts;
  const flatten = (o: FluxClusterObjects) => [...o.components, ...o.sync];
  const a = flatten(patchedFluxObjects(cfg, unpatched, placeholderFacts));
  const b = flatten(patchedFluxObjects(cfg, unpatched, other));
  return new Set(a.filter((obj, i) => JSON.stringify(obj) !== JSON.stringify(b[i])).map(objectId));
}
