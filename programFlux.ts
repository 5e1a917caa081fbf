import * as pulumi from "@pulumi/pulumi";
import { FluxBootstrap, type FluxBootstrapArgs } from "./components/flux/FluxBootstrap";
import { FluxOperatorInstall } from "./components/flux/FluxOperatorInstall";
import type { RepositoryFiles } from "./components/github/RepositoryFiles";
import { ConfigError } from "./config/errors";
import { installModeOutput, installModeSwitchProblem } from "./config/fluxInstallMode";
import type { StackConfig } from "./config/types";
import { objectId } from "./generators/kube/object";
import { requiredManifestFiles, type FluxInstallManifests } from "./plan/environmentPlan";
import { asRunError } from "./programErrors";
import { manifestsVersionProblem } from "./release/manifestVersion";
import { resolveOperatorManifests } from "./release/operatorRelease";
import { resolveReleaseManifests } from "./release/resolveReleaseManifests";

/**
 * The program's two ways of installing Flux (`flux.installMode`): the manifests each needs, the
 * component that applies them, and the check that a deployed environment keeps its mode.
 */

const rethrowAsRunError = (error: unknown): never =>
  asRunError(() => {
    throw error;
  });

/** Flux's release manifests (bootstrap mode) or the Flux Operator's install.yaml (operator mode), verified. */
export async function loadFluxInstallManifests(cfg: StackConfig): Promise<FluxInstallManifests> {
  const onWarning = (message: string) => pulumi.log.warn(message);
  const operator = cfg.flux.operator;
  if (operator !== undefined) {
    return resolveOperatorManifests({ version: operator.version, localPath: operator.manifests, cacheDir: cfg.cacheDir, onWarning }).catch(
      rethrowAsRunError,
    );
  }
  const manifests = await resolveReleaseManifests({
    version: cfg.flux.version,
    requiredFiles: requiredManifestFiles(cfg),
    localPath: cfg.flux.manifests,
    cacheDir: cfg.cacheDir,
    expectedSha256: cfg.flux.manifestsSha256,
    onWarning,
  }).catch(rethrowAsRunError);
  const mismatch = cfg.flux.manifests === undefined ? undefined : manifestsVersionProblem(manifests, cfg.flux.version);
  if (mismatch)
    throw new pulumi.RunError(
      `the Flux manifests at ${cfg.flux.manifests} (aks-flux-gitops:flux.manifests) ${mismatch} (aks-flux-gitops:flux.version); set aks-flux-gitops:flux.version to the release they come from, or point flux.manifests at Flux ${cfg.flux.version}'s manifests.tar.gz`,
    );
  return manifests;
}

/**
 * Before any resource: refuses a change of `flux.installMode` on a deployed environment
 * (config/fluxInstallMode.ts), reading the last deployment's outputs through a StackReference to
 * this stack, as programAgeKeyRotation.ts does. A deployment from before the `fluxInstallMode`
 * output existed has `fluxVersion` and was bootstrap mode; one with neither is a first deployment.
 */
export async function checkInstallModeSwitch(cfg: StackConfig): Promise<void> {
  const self = new pulumi.StackReference("flux-install-mode-of-last-deployment", {
    name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  });
  const [mode, version] = await Promise.all([self.getOutputDetails(installModeOutput), self.getOutputDetails("fluxVersion")]);
  const previous = typeof mode.value === "string" ? mode.value : version.value !== undefined ? "bootstrap" : undefined;
  const problem = installModeSwitchProblem(previous, cfg.flux.installMode, cfg.flux.allowInstallModeSwitch, {
    stack: pulumi.getStack(),
    project: pulumi.getProject(),
    namespace: cfg.flux.namespace,
  });
  if (problem !== undefined)
    asRunError(() => {
      throw new ConfigError([problem]);
    });
  if (cfg.flux.allowInstallModeSwitch && previous === cfg.flux.installMode) {
    pulumi.log.warn(
      `aks-flux-gitops:flux.allowInstallModeSwitch is true, but the last deployment already runs install mode ${previous}: remove it, so that a later change of flux.installMode is refused again (docs/flux.md "Switching install modes")`,
    );
  }
}

/**
 * Installs Flux in the mode the plan was made for. Bootstrap mode: FluxBootstrap with `args`.
 * Operator mode: FluxOperatorInstall, with the plan's operator objects as `componentObjects` and the
 * FluxInstance as the only sync object (`args.pruneCrdsOnRemoval` does not apply, and on a
 * bring-your-own cluster destroy deletes the FluxInstance, from which the operator uninstalls Flux).
 */
export function installFlux(
  installMode: "bootstrap" | "operator",
  name: string,
  args: FluxBootstrapArgs,
): { readonly commits: RepositoryFiles } {
  if (installMode === "bootstrap") return new FluxBootstrap(name, args);
  const [instance, ...others] = args.syncObjects;
  if (instance?.kind !== "FluxInstance" || others.length > 0)
    throw new Error("operator mode applies exactly one FluxInstance after the operator");
  const late = args.deployTimeContent;
  const instanceContent =
    late !== undefined && late.ids.has(objectId(instance)) ? late.objects.apply((all) => all[args.componentObjects.length]) : undefined;
  return new FluxOperatorInstall(name, {
    operatorObjects: args.componentObjects,
    instance,
    instanceContent,
    secrets: args.secrets,
    kubernetesProvider: args.kubernetesProvider,
    commit: args.commit,
    after: args.after,
    deletedWith: args.deletedWith,
  });
}
