import type { StackConfig } from "../config/types";
import { fluxComponentsFile, fluxSyncFile, generateFluxSystemKustomization } from "../generators/flux/fluxSystemKustomization";
import { describeGitRef, sshRepositoryUrl } from "../generators/git/gitRef";
import { generateSopsConfig } from "../generators/sops/sopsConfig";
import { clusterSettingsConfigMap } from "../generators/wiring/clusterSettings";
import { overlayEntryPoint, stackOwnedManifest } from "../generators/wiring/files";
import { environmentLayout } from "../generators/wiring/layout";
import { environmentKustomization } from "../generators/wiring/reconciliation";
import { gitRepositoryObject } from "../generators/flux/sync";
import type { DeployFacts } from "./deployFacts";
import { appsSourceName, appsSourceSecretName, fluxSystemSourceName } from "../generators/flux/objectNames";

export type RepositoryRole = "infra" | "apps";

/** One file a stack commits. Paths are known from config alone; content may need deploy facts. */
export interface PlannedFile {
  readonly repositoryRole: RepositoryRole;
  readonly repository: string;
  readonly path: string;
  /** "stack": overwritten on every up, deleted on destroy. "team": created once if absent, then never touched. */
  readonly owner: "stack" | "team";
  readonly commitMessage: string;
  /** True when the content depends on deploy facts (cluster, Key Vault, age recipient). */
  readonly usesDeployFacts: boolean;
  readonly content: (facts: DeployFacts) => string;
}

/** The files of the environment's wiring, in commit order: team entry points first, Flux's own files last. */
export function planWiringFiles(cfg: StackConfig): PlannedFile[] {
  const env = cfg.environment;
  const layout = environmentLayout(env, cfg.apps.path);
  const ns = cfg.flux.namespace;
  const infra = { repositoryRole: "infra" as const, repository: cfg.github.infraRepository };
  const apps = { repositoryRole: "apps" as const, repository: cfg.github.appsRepository };
  const staticContent = (text: string) => ({ usesDeployFacts: false, content: () => text });

  const infrastructure = environmentKustomization({ name: "infrastructure", namespace: ns, dir: layout.infrastructureDir, sourceName: fluxSystemSourceName });
  const appsObjects = [
    ...(cfg.github.monorepo
      ? []
      : [
          gitRepositoryObject({
            name: appsSourceName,
            namespace: ns,
            url: sshRepositoryUrl(cfg.github.sshHostname, cfg.github.owner, cfg.github.appsRepository),
            ref: cfg.apps.ref,
            interval: cfg.apps.interval,
            secretName: appsSourceSecretName,
          }),
        ]),
    environmentKustomization({
      name: "apps",
      namespace: ns,
      dir: layout.appsDir,
      sourceName: cfg.github.monorepo ? fluxSystemSourceName : appsSourceName,
      dependsOn: ["infrastructure"],
    }),
  ];

  return [
    { ...infra, path: `${layout.infrastructureDir}/kustomization.yaml`, owner: "team", commitMessage: `Add infrastructure entry point (${env})`, ...staticContent(overlayEntryPoint({ environment: env, what: "infrastructure" })) },
    { ...apps, path: `${layout.appsDir}/kustomization.yaml`, owner: "team", commitMessage: `Add apps entry point (${env})`, ...staticContent(overlayEntryPoint({ environment: env, what: "apps" })) },
    { ...infra, path: `${layout.infrastructureDir}/.sops.yaml`, owner: "stack", commitMessage: `Add SOPS creation rules (${env})`, usesDeployFacts: true, content: (f) => generateSopsConfig({ environment: env, recipient: f.sopsAgeRecipient }) },
    { ...apps, path: `${layout.appsDir}/.sops.yaml`, owner: "stack", commitMessage: `Add SOPS creation rules (${env})`, usesDeployFacts: true, content: (f) => generateSopsConfig({ environment: env, recipient: f.sopsAgeRecipient }) },
    {
      ...infra,
      path: `${layout.clusterDir}/cluster-settings.yaml`,
      owner: "stack",
      commitMessage: `Update cluster settings (${env})`,
      usesDeployFacts: true,
      content: (f) =>
        stackOwnedManifest(env, [
          clusterSettingsConfigMap(ns, {
            environment: env,
            clusterName: cfg.cluster.name,
            resourceGroup: cfg.azure.resourceGroupName,
            region: cfg.azure.location,
            ...f,
          }),
        ]),
    },
    { ...infra, path: `${layout.clusterDir}/infrastructure.yaml`, owner: "stack", commitMessage: `Reconcile infrastructure (${env})`, ...staticContent(stackOwnedManifest(env, [infrastructure])) },
    { ...infra, path: `${layout.clusterDir}/apps.yaml`, owner: "stack", commitMessage: `Reconcile apps at ${describeGitRef(cfg.apps.ref)} (${env})`, ...staticContent(stackOwnedManifest(env, appsObjects)) },
  ];
}

/** The three files `flux bootstrap` commits under `clusters/<env>/flux-system/`. */
export function planFluxSystemFiles(cfg: StackConfig, componentsContent: string, syncContent: string): PlannedFile[] {
  const env = cfg.environment;
  const dir = environmentLayout(env, cfg.apps.path).fluxSystemDir;
  const infra = { repositoryRole: "infra" as const, repository: cfg.github.infraRepository, owner: "stack" as const, usesDeployFacts: false };
  return [
    { ...infra, path: `${dir}/${fluxComponentsFile}`, commitMessage: `Add Flux ${cfg.flux.version} component manifests (${env})`, content: () => componentsContent },
    { ...infra, path: `${dir}/${fluxSyncFile}`, commitMessage: `Add Flux sync manifests (${env})`, content: () => syncContent },
    { ...infra, path: `${dir}/kustomization.yaml`, commitMessage: `Add Flux sync manifests (${env})`, content: () => generateFluxSystemKustomization() },
  ];
}

