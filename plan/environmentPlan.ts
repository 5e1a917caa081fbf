import type { StackConfig } from "../config/types";
import { generateFluxComponents, type FluxComponents } from "../generators/flux/install/generateFluxComponents";
import type { FluxInstallOptions } from "../generators/flux/install/options";
import type { ReleaseManifests } from "../generators/flux/install/releaseManifests";
import { gitSourceSecret } from "../generators/flux/sourceSecret";
import { fluxSyncObjects, generateFluxSync, type FluxSyncOptions } from "../generators/flux/sync";
import { sshRepositoryUrl } from "../generators/git/gitRef";
import type { KubeObject } from "../generators/kube/object";
import { sopsAgeSecret } from "../generators/sops/sopsAgeSecret";
import { environmentLayout } from "../generators/wiring/layout";
import { placeholderFacts, redacted, redactedSecretFacts, type DeployFacts, type SecretFacts } from "./deployFacts";
import { factDependentObjectIds, patchedFluxObjects, type FluxClusterObjects } from "./fluxObjects";
import { appsSourceSecretName, fluxSystemSourceName, infraSourceSecretName } from "../generators/flux/objectNames";
import { planNotifications, type PlannedReceiver } from "./notifications";
import { planFluxSystemFiles, planWiringFiles, type PlannedFile } from "./repositoryFiles";
import type { OperatorManifests } from "../generators/fluxOperator/operatorObjects";
import { operatorClusterObjects, operatorFactDependentObjectIds, planOperatorFluxSystemFiles } from "./operatorPlan";

/**
 * Everything one environment commits and applies, computed from config and the
 * Flux release manifests alone. The Pulumi components and `npm run render` both
 * start from this plan, so the preview and the dry run cannot disagree.
 */
export interface EnvironmentPlan {
  /** `flux.installMode`: which of the two shapes below `components` and `sync` have. */
  readonly installMode: "bootstrap" | "operator";
  /** Bootstrap mode: gotk-components.yaml, as text and objects; undefined in operator mode. */
  readonly components?: FluxComponents;
  /**
   * Applied after everything else: the GitRepository and Kustomization named after the Flux
   * namespace (bootstrap mode), or the FluxInstance (operator mode).
   */
  readonly syncObjects: readonly KubeObject[];
  /**
   * The objects the program applies. Bootstrap mode: gotk-components' and gotk-sync's, with the
   * flux-system kustomization.yaml's patches applied, as `kubectl kustomize` builds that directory.
   * Operator mode: the operator's install.yaml objects as `components`, the FluxInstance as `sync`.
   */
  readonly clusterObjects: (facts: DeployFacts) => FluxClusterObjects;
  /** clusterObjects with render's placeholders: the identities and, for objects that use no deploy facts, the content. */
  readonly plannedClusterObjects: FluxClusterObjects;
  /** Ids (objectId) of the cluster objects whose content needs deploy facts (the workload identity client id). */
  readonly factDependentObjects: ReadonlySet<string>;
  /** Repository files in commit order: wiring first, then Flux's own. */
  readonly files: readonly PlannedFile[];
  /** Cluster Secrets by name, from key material that only exists in Pulumi secrets. */
  readonly secrets: (facts: SecretFacts) => PlannedSecrets;
  /** The same Secrets by name with every secret value redacted: their names and keys, known before deployment. */
  readonly redactedSecrets: PlannedSecrets;
  /** The environment's wiring files (both repositories), in commit order. */
  readonly wiringFiles: readonly PlannedFile[];
  /**
   * Flux's own files, committed last: `clusters/<env>/<namespace>/{gotk-components,gotk-sync,kustomization}.yaml`,
   * or in operator mode `{flux-instance,kustomization}.yaml`.
   */
  readonly fluxSystemFiles: readonly PlannedFile[];
  /** The webhook Receiver GitHub posts to; undefined without `flux.receiver`. */
  readonly receiver?: PlannedReceiver;
}

/** Secrets keyed by their name (all live in the Flux namespace). */
export type PlannedSecrets = Readonly<Record<string, KubeObject>>;
/** Author name of the commits of Flux's own files: `flux bootstrap --author-name`'s default (cmd/flux/bootstrap.go). */
export const fluxCommitAuthorName = "Flux";

export function fluxInstallOptions(cfg: StackConfig): FluxInstallOptions {
  return {
    version: cfg.flux.version,
    namespace: cfg.flux.namespace,
    components: cfg.flux.components,
    registry: cfg.flux.registry,
    imagePullSecret: cfg.flux.imagePullSecret,
    watchAllNamespaces: cfg.flux.watchAllNamespaces,
    networkPolicy: cfg.flux.networkPolicy,
    logLevel: cfg.flux.logLevel,
    clusterDomain: cfg.flux.clusterDomain,
    tolerationKeys: cfg.flux.tolerationKeys,
  };
}

export function fluxSyncOptions(cfg: StackConfig): FluxSyncOptions {
  return {
    name: fluxSystemSourceName(cfg.flux.namespace),
    namespace: cfg.flux.namespace,
    url: sshRepositoryUrl(cfg.github.sshHostname, cfg.github.owner, cfg.github.infraRepository),
    ref: cfg.flux.ref,
    interval: cfg.flux.interval,
    path: environmentLayout(cfg.environment, cfg.apps.path, cfg.flux.namespace).clusterDir,
    secretName: infraSourceSecretName,
  };
}

/** Release manifest files the configured controllers need. */
export function requiredManifestFiles(cfg: StackConfig): string[] {
  return [...cfg.flux.components.map((c) => `${c}.yaml`), "rbac.yaml", "policies.yaml"];
}

/** What installs Flux: Flux's release manifests (bootstrap mode) or the Flux Operator's install.yaml (operator mode). */
export type FluxInstallManifests = ReleaseManifests | OperatorManifests;

type FluxPlan = Pick<
  EnvironmentPlan,
  "components" | "syncObjects" | "clusterObjects" | "plannedClusterObjects" | "factDependentObjects" | "fluxSystemFiles"
>;

function planBootstrapFlux(cfg: StackConfig, manifests: ReleaseManifests): FluxPlan {
  const components = generateFluxComponents(manifests, fluxInstallOptions(cfg));
  const sync = fluxSyncOptions(cfg);
  const unpatched = { components: components.objects, sync: fluxSyncObjects(sync) };
  return {
    components,
    syncObjects: unpatched.sync,
    clusterObjects: (facts) => patchedFluxObjects(cfg, unpatched, facts),
    plannedClusterObjects: patchedFluxObjects(cfg, unpatched, placeholderFacts),
    factDependentObjects: factDependentObjectIds(cfg, unpatched),
    fluxSystemFiles: planFluxSystemFiles(cfg, components.content, generateFluxSync(sync)),
  };
}

function planOperatorFlux(cfg: StackConfig, manifests: OperatorManifests): FluxPlan {
  const planned = operatorClusterObjects(cfg, manifests, placeholderFacts);
  return {
    syncObjects: planned.sync,
    clusterObjects: (facts) => operatorClusterObjects(cfg, manifests, facts),
    plannedClusterObjects: planned,
    factDependentObjects: operatorFactDependentObjectIds(cfg, manifests),
    fluxSystemFiles: planOperatorFluxSystemFiles(cfg),
  };
}

export function planEnvironment(cfg: StackConfig, manifests: FluxInstallManifests): EnvironmentPlan {
  const operator = "installYaml" in manifests;
  if (operator !== (cfg.flux.installMode === "operator")) {
    throw new Error(
      `flux.installMode ${cfg.flux.installMode} needs ${operator ? "Flux's release manifests" : "the Flux Operator's install.yaml"}, not ${operator ? "the operator's" : "Flux's"}`,
    );
  }
  const notifications = planNotifications(cfg, redacted);
  const secrets = (facts: SecretFacts) => byName([...environmentSecrets(cfg, facts), ...notifications.secrets(facts.notifications ?? {})]);
  const wiringFiles = [...planWiringFiles(cfg), ...notifications.files];
  const flux = operator ? planOperatorFlux(cfg, manifests) : planBootstrapFlux(cfg, manifests);
  return {
    installMode: cfg.flux.installMode,
    ...flux,
    files: [...wiringFiles, ...flux.fluxSystemFiles],
    wiringFiles,
    secrets,
    redactedSecrets: secrets({
      ...redactedSecretFacts({ monorepo: cfg.github.monorepo, ageKeyGenerations: cfg.sops.ageKeyGenerations }),
      notifications: notifications.redactedFacts,
    }),
    receiver: notifications.receiver,
  };
}

/** Secrets keyed by name; two Secrets of one name would overwrite each other in the cluster. */
function byName(secrets: readonly KubeObject[]): PlannedSecrets {
  const named: Record<string, KubeObject> = {};
  for (const secret of secrets) {
    if (Object.prototype.hasOwnProperty.call(named, secret.metadata.name))
      throw new Error(`the plan has two Secrets named ${secret.metadata.name}`);
    named[secret.metadata.name] = secret;
  }
  return named;
}

function environmentSecrets(cfg: StackConfig, facts: SecretFacts): KubeObject[] {
  const namespace = cfg.flux.namespace;
  const knownHosts = cfg.github.knownHosts;
  const secrets = [gitSourceSecret({ name: infraSourceSecretName, namespace, knownHosts, ...facts.infraDeployKey })];
  if (facts.appsDeployKey) secrets.push(gitSourceSecret({ name: appsSourceSecretName, namespace, knownHosts, ...facts.appsDeployKey }));
  secrets.push(sopsAgeSecret({ namespace, keys: facts.ageKeys }));
  return secrets;
}
