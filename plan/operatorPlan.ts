import type { StackConfig } from "../config/types";
import { infraSourceSecretName } from "../generators/flux/objectNames";
import { workloadIdentityPatches } from "../generators/flux/workloadIdentity";
import {
  fluxInstanceFile,
  fluxInstanceObject,
  generateFluxInstanceFile,
  generateFluxInstanceKustomization,
  type FluxInstanceOptions,
} from "../generators/fluxOperator/fluxInstance";
import { operatorInstallObjects, type OperatorManifests } from "../generators/fluxOperator/operatorObjects";
import { sshRepositoryUrl } from "../generators/git/gitRef";
import { objectId, type KubeObject } from "../generators/kube/object";
import type { KustomizePatch } from "../generators/kustomize/patchTypes";
import { stackOwnedHeader } from "../generators/wiring/files";
import { environmentLayout } from "../generators/wiring/layout";
import { placeholderFacts, type DeployFacts } from "./deployFacts";
import type { FluxClusterObjects } from "./fluxObjects";
import type { PlannedFile } from "./repositoryFiles";

/**
 * Operator mode (`flux.installMode: operator`): what replaces `flux bootstrap`'s files and objects.
 * Git holds `clusters/<env>/<namespace>/{flux-instance.yaml,kustomization.yaml}` (no
 * gotk-components.yaml, no gotk-sync.yaml: the operator builds Flux and its sync objects itself);
 * the cluster gets the operator's install.yaml objects, then the FluxInstance. The wiring, layers,
 * SOPS and notification files are the same as in bootstrap mode.
 */

/**
 * The instance's patches: workload identity (as in bootstrap mode), then the stack's `flux.patches`.
 * The multi-tenancy lockdown is not a patch here: `cluster.multitenant` makes the operator add the
 * same flags and the sync Kustomization's service account (flux-operator internal/builder/profiles.go).
 */
export function operatorPatches(cfg: StackConfig, facts: DeployFacts): KustomizePatch[] {
  const wi = cfg.flux.workloadIdentity;
  return [...(wi ? workloadIdentityPatches({ controllers: wi.controllers, clientId: facts.fluxClientId }) : []), ...cfg.flux.patches];
}

export function fluxInstanceOptions(cfg: StackConfig, facts: DeployFacts): FluxInstanceOptions {
  const operator = cfg.flux.operator;
  if (operator === undefined) throw new Error("fluxInstanceOptions needs flux.installMode: operator");
  return {
    namespace: cfg.flux.namespace,
    version: operator.distributionVersion,
    registry: cfg.flux.registry,
    imagePullSecret: cfg.flux.imagePullSecret,
    components: cfg.flux.components,
    clusterType: cfg.cluster.mode === "aks" ? "azure" : "kubernetes",
    networkPolicy: cfg.flux.networkPolicy,
    clusterDomain: cfg.flux.clusterDomain,
    multitenant: cfg.flux.multitenant,
    sync: {
      url: sshRepositoryUrl(cfg.github.sshHostname, cfg.github.owner, cfg.github.infraRepository),
      ref: cfg.flux.ref,
      path: environmentLayout(cfg.environment, cfg.apps.path, cfg.flux.namespace).clusterDir,
      interval: cfg.flux.interval,
      pullSecret: infraSourceSecretName,
    },
    patches: operatorPatches(cfg, facts),
  };
}

/** `flux-instance.yaml` and its kustomization.yaml, committed last like bootstrap mode's files. */
export function planOperatorFluxSystemFiles(cfg: StackConfig): PlannedFile[] {
  const env = cfg.environment;
  const dir = environmentLayout(env, cfg.apps.path, cfg.flux.namespace).fluxSystemDir;
  const infra = { repositoryRole: "infra" as const, repository: cfg.github.infraRepository, owner: "stack" as const };
  const appendix = `\n\nEnvironment: ${env} (aks-flux-gitops)`;
  const instanceMessage = `Add Flux Operator instance (Flux ${cfg.flux.operator?.distributionVersion})${appendix}`;
  return [
    {
      ...infra,
      path: `${dir}/${fluxInstanceFile}`,
      commitMessage: instanceMessage,
      usesDeployFacts: cfg.flux.workloadIdentity !== undefined,
      content: (f) => generateFluxInstanceFile(fluxInstanceObject(fluxInstanceOptions(cfg, f)), stackOwnedHeader(env)),
    },
    {
      ...infra,
      path: `${dir}/kustomization.yaml`,
      commitMessage: instanceMessage,
      usesDeployFacts: false,
      content: () => generateFluxInstanceKustomization(),
    },
  ];
}

/** The operator's objects (Namespace, CRDs, RBAC, Service, Deployment) as `components`, the FluxInstance as `sync`. */
export function operatorClusterObjects(cfg: StackConfig, manifests: OperatorManifests, facts: DeployFacts): FluxClusterObjects {
  const components: KubeObject[] = operatorInstallObjects(manifests, { namespace: cfg.flux.namespace });
  return { components, sync: [fluxInstanceObject(fluxInstanceOptions(cfg, facts))] };
}

/** With workload identity the FluxInstance's patches carry the identity's client id: known only after deployment. */
export function operatorFactDependentObjectIds(cfg: StackConfig, manifests: OperatorManifests): ReadonlySet<string> {
  if (cfg.flux.workloadIdentity === undefined) return new Set();
  return new Set(operatorClusterObjects(cfg, manifests, placeholderFacts).sync.map(objectId));
}
