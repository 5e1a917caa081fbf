import type { StackConfig } from "../config/types";
import { fluxComponentsFile, fluxSyncFile, generateFluxSystemKustomization } from "../generators/flux/fluxSystemKustomization";
import { imageUpdateAutomationObject } from "../generators/flux/imageUpdateAutomation";
import { platformServiceAccount, tenantObjects } from "../generators/flux/multitenancy";
import { describeGitRef, sshRepositoryUrl } from "../generators/git/gitRef";
import { generateSopsConfig } from "../generators/sops/sopsConfig";
import { clusterSettingsConfigMap } from "../generators/wiring/clusterSettings";
import { overlayEntryPoint, stackOwnedManifest } from "../generators/wiring/files";
import { environmentLayout } from "../generators/wiring/layout";
import { environmentKustomization } from "../generators/wiring/reconciliation";
import { gitRepositoryObject } from "../generators/flux/sync";
import type { DeployFacts } from "./deployFacts";
import { fluxPatches } from "./fluxObjects";
import { appsSourceName as appsGitRepositoryName, appsSourceSecretName, fluxSystemSourceName } from "../generators/flux/objectNames";

/** Service account the apps Kustomization impersonates in multi-tenant mode (in the Flux namespace). */
export const appsReconcilerServiceAccount = "apps-reconciler";
export const imageUpdateAutomationName = "image-updates";

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

/** The GitRepository name of the apps repository ("flux-system" in a monorepo). */
export const appsSourceName = (cfg: StackConfig) =>
  cfg.github.monorepo ? fluxSystemSourceName(cfg.flux.namespace) : appsGitRepositoryName;

/**
 * The files of the environment's wiring, in commit order: team entry points first,
 * then `.sops.yaml` rules, cluster settings, one Kustomization per layer (each after
 * the previous), apps after the last layer, and the image update automation.
 */
export function planWiringFiles(cfg: StackConfig): PlannedFile[] {
  const env = cfg.environment;
  const layout = environmentLayout(env, cfg.apps.path, cfg.flux.namespace);
  const ns = cfg.flux.namespace;
  const infra = { repositoryRole: "infra" as const, repository: cfg.github.infraRepository };
  const apps = { repositoryRole: "apps" as const, repository: cfg.github.appsRepository };
  const staticContent = (text: string) => ({ usesDeployFacts: false, content: () => text });
  const sops = (where: typeof infra | typeof apps, dir: string): PlannedFile => ({
    ...where,
    path: `${dir}/.sops.yaml`,
    owner: "stack",
    commitMessage: `Add SOPS creation rules (${env})`,
    usesDeployFacts: true,
    content: (f) => generateSopsConfig({ environment: env, recipient: f.sopsAgeRecipient }),
  });
  const multitenant = cfg.flux.multitenant;
  const layers = cfg.layers.map((layer, i) => ({
    layer,
    dir: layout.layerDir(layer),
    kustomization: environmentKustomization({
      name: layer,
      namespace: ns,
      dir: layout.layerDir(layer),
      sourceName: fluxSystemSourceName(ns),
      dependsOn: i === 0 ? undefined : [cfg.layers[i - 1]],
      serviceAccountName: multitenant ? platformServiceAccount : undefined,
    }),
  }));
  const appsObjects = [
    ...(multitenant
      ? tenantObjects({
          fluxNamespace: ns,
          serviceAccountName: appsReconcilerServiceAccount,
          namespaces: cfg.apps.namespaces,
          environment: env,
        })
      : []),
    ...(cfg.github.monorepo
      ? []
      : [
          gitRepositoryObject({
            name: appsGitRepositoryName,
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
      sourceName: appsSourceName(cfg),
      dependsOn: [cfg.layers[cfg.layers.length - 1]],
      serviceAccountName: multitenant ? appsReconcilerServiceAccount : undefined,
    }),
  ];
  const automation = cfg.flux.imageUpdateAutomation;

  return [
    ...layers.map(({ layer, dir }): PlannedFile => ({
      ...infra,
      path: `${dir}/kustomization.yaml`,
      owner: "team",
      commitMessage: `Add ${layer} entry point (${env})`,
      ...staticContent(overlayEntryPoint({ environment: env, what: layer })),
    })),
    {
      ...apps,
      path: `${layout.appsDir}/kustomization.yaml`,
      owner: "team",
      commitMessage: `Add apps entry point (${env})`,
      ...staticContent(overlayEntryPoint({ environment: env, what: "apps" })),
    },
    ...layers.map(({ dir }) => sops(infra, dir)),
    sops(apps, layout.appsDir),
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
    ...layers.map(({ layer, kustomization }): PlannedFile => ({
      ...infra,
      path: `${layout.clusterDir}/${layer}.yaml`,
      owner: "stack",
      commitMessage: `Reconcile ${layer} (${env})`,
      ...staticContent(stackOwnedManifest(env, [kustomization])),
    })),
    {
      ...infra,
      path: `${layout.clusterDir}/apps.yaml`,
      owner: "stack",
      commitMessage: `Reconcile apps at ${describeGitRef(cfg.apps.ref)} (${env})`,
      ...staticContent(stackOwnedManifest(env, appsObjects)),
    },
    ...(automation === undefined
      ? []
      : [
          {
            ...infra,
            path: `${layout.clusterDir}/image-update-automation.yaml`,
            owner: "stack" as const,
            commitMessage: `Automate image updates in ${automation.repository} ${automation.path} (${env})`,
            ...staticContent(
              stackOwnedManifest(env, [
                imageUpdateAutomationObject({
                  name: imageUpdateAutomationName,
                  namespace: ns,
                  sourceName: automation.repository === "apps" ? appsSourceName(cfg) : fluxSystemSourceName(ns),
                  branch: automation.branch,
                  path: automation.path,
                  interval: automation.interval,
                  author: automation.author,
                  messageTemplate: automation.messageTemplate,
                }),
              ]),
            ),
          },
        ]),
  ];
}

/** The three files `flux bootstrap` commits under `clusters/<env>/<flux namespace>/`. */
export function planFluxSystemFiles(cfg: StackConfig, componentsContent: string, syncContent: string): PlannedFile[] {
  const env = cfg.environment;
  const dir = environmentLayout(env, cfg.apps.path, cfg.flux.namespace).fluxSystemDir;
  const infra = {
    repositoryRole: "infra" as const,
    repository: cfg.github.infraRepository,
    owner: "stack" as const,
    usesDeployFacts: false,
  };
  // fluxcd/flux2 v2.9.0 pkg/bootstrap/bootstrap_plain_git.go: "Add Flux <version> component manifests" and
  // "Add Flux sync manifests", each followed by "\n\n" + --commit-message-appendix; ours names the environment.
  const appendix = `\n\nEnvironment: ${env} (aks-flux-gitops)`;
  return [
    {
      ...infra,
      path: `${dir}/${fluxComponentsFile}`,
      commitMessage: `Add Flux ${cfg.flux.version} component manifests${appendix}`,
      content: () => componentsContent,
    },
    { ...infra, path: `${dir}/${fluxSyncFile}`, commitMessage: `Add Flux sync manifests${appendix}`, content: () => syncContent },
    {
      ...infra,
      path: `${dir}/kustomization.yaml`,
      commitMessage: `Add Flux sync manifests${appendix}`,
      usesDeployFacts: cfg.flux.workloadIdentity !== undefined,
      content: (f) => generateFluxSystemKustomization(fluxPatches(cfg, f)),
    },
  ];
}
