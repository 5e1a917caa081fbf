import { z } from "zod";
import { problem } from "./errors";
import { bool } from "./schemaPrimitives";
import type { RawConfig } from "./schema";
import { isFluxSemverRange } from "./semverRange";

/**
 * `flux.installMode`: `bootstrap` (the program installs Flux's release manifests, as `flux bootstrap`
 * does) or `operator` (the program installs the Flux Operator and a `FluxInstance`; the operator
 * installs and upgrades Flux). Options only one mode can honour are refused in the other, each
 * message naming the key and the fix.
 */
export type FluxInstallMode = "bootstrap" | "operator";

export interface FluxOperatorConfig {
  /** Operator release, `vX.Y.Z` (`flux.operator.version`). */
  readonly version: string;
  /** A local install.yaml (or a directory holding one) instead of the download. */
  readonly manifests?: string;
  /** `distribution.version` of the FluxInstance: `flux.version` without its `v`, or the range it holds. */
  readonly distributionVersion: string;
}

/** Schema keys of `flux.*` for the install mode (spread into the `flux` schema). */
export const installModeKeys = {
  installMode: z.enum(["bootstrap", "operator"], { error: "must be one of bootstrap, operator" }).optional(),
  operator: z
    .strictObject({
      version: z
        .string({ error: "must look like vX.Y.Z, e.g. v0.58.1 (a Flux Operator release tag)" })
        .regex(/^v\d+\.\d+\.\d+$/, { error: "must look like vX.Y.Z, e.g. v0.58.1 (a Flux Operator release tag)" })
        .optional(),
      manifests: z
        .string({ error: "must be a path to the operator's install.yaml or a directory holding it" })
        .min(1, { error: "must be a path to the operator's install.yaml or a directory holding it" })
        .optional(),
    })
    .optional(),
  allowInstallModeSwitch: bool().optional(),
};

/** The operator release the program installs unless `flux.operator.version` says otherwise. */
export const defaultOperatorVersion = "v0.58.1";
const exactVersion = /^v\d+\.\d+\.\d+$/;
const operatorOnly = "with flux.installMode: operator";

/** Validates `flux.version` for the mode (a range only in operator mode) and the operator's keys. */
export function resolveInstallMode(
  raw: RawConfig,
  defaultFluxVersion: string,
  problems: string[],
): { installMode: FluxInstallMode; operator?: FluxOperatorConfig } {
  const flux = raw.flux ?? {};
  const installMode = flux.installMode ?? "bootstrap";
  const version = flux.version;
  if (installMode === "bootstrap") {
    if (version !== undefined && !exactVersion.test(version))
      problems.push(problem(["flux", "version"], version, "must look like vX.Y.Z, e.g. v2.9.4"));
    if (flux.operator !== undefined) {
      problems.push(
        problem(
          ["flux", "operator"],
          flux.operator,
          `is only used ${operatorOnly}; remove it, or set flux.installMode: operator to install Flux with the Flux Operator`,
        ),
      );
    }
    return { installMode };
  }

  if (version !== undefined && !exactVersion.test(version) && !isFluxSemverRange(version)) {
    problems.push(
      problem(
        ["flux", "version"],
        version,
        "must be a Flux version vX.Y.Z, e.g. v2.9.4, or (in operator mode) a semver range the operator upgrades within, e.g. 2.9.x",
      ),
    );
  }
  const refuse = (key: string, value: unknown, why: string) =>
    problems.push(problem(["flux", key], value, `cannot be honoured ${operatorOnly}: ${why}`));
  if (flux.manifests !== undefined) {
    refuse(
      "manifests",
      flux.manifests,
      "the operator installs Flux from the manifests inside its own image; remove it (flux.operator.manifests takes a local copy of the operator's install.yaml)",
    );
  }
  if (flux.manifestsSha256 !== undefined)
    refuse("manifestsSha256", flux.manifestsSha256, "it pins Flux's manifests.tar.gz, which operator mode never downloads; remove it");
  if (flux.logLevel !== undefined && flux.logLevel !== "info") {
    refuse(
      "logLevel",
      flux.logLevel,
      "the operator always starts the controllers with --log-level=info (flux-operator internal/builder/options.go); remove it, or use flux.installMode: bootstrap",
    );
  }
  if (flux.watchAllNamespaces === false) {
    refuse(
      "watchAllNamespaces",
      false,
      "the operator always starts the controllers with --watch-all-namespaces=true; remove it, or use flux.installMode: bootstrap",
    );
  }
  if (flux.tolerationKeys !== undefined && flux.tolerationKeys.length > 0) {
    refuse(
      "tolerationKeys",
      flux.tolerationKeys,
      "the FluxInstance has no tolerations field; add them with flux.patches (a strategic merge patch of kind Deployment), or use flux.installMode: bootstrap",
    );
  }
  if (flux.pruneCrdsOnRemoval === true) {
    refuse("pruneCrdsOnRemoval", true, "the operator, not the program, manages Flux's CRDs in this mode; remove it");
  }
  const ref = flux.ref as Record<string, string> | undefined;
  if (ref !== undefined && (ref.semver !== undefined || ref.commit !== undefined)) {
    refuse(
      "ref",
      ref,
      "the FluxInstance's sync.ref is a Git reference name (refs/heads/<branch>, refs/tags/<tag>), which a semver range or a commit is not; use branch or tag, or flux.installMode: bootstrap",
    );
  }
  const operatorVersion = flux.operator?.version ?? defaultOperatorVersion;
  const fluxVersion = version ?? defaultFluxVersion;
  return {
    installMode,
    operator: {
      version: operatorVersion,
      ...(flux.operator?.manifests === undefined ? {} : { manifests: flux.operator.manifests }),
      distributionVersion: exactVersion.test(fluxVersion) ? fluxVersion.slice(1) : fluxVersion,
    },
  };
}

/** The stack output that records the install mode of the last deployment. */
export const installModeOutput = "fluxInstallMode";

/** Where the switch's commands apply: the stack's URN parts and Flux's namespace (defaults for messages without a stack). */
export interface InstallModeSwitchContext {
  readonly stack: string;
  readonly project: string;
  readonly namespace: string;
}

const componentOfMode: Record<FluxInstallMode, string> = {
  bootstrap: "aks-flux-gitops:flux:FluxBootstrap",
  operator: "aks-flux-gitops:flux:FluxOperatorInstall",
};

/**
 * Refuses an update that changes `flux.installMode` of a deployed environment. `previous` is the
 * last deployment's mode: its `fluxInstallMode` output (`bootstrap` for a deployment from before
 * that output existed); undefined when nothing was deployed yet. In one update Pulumi would delete the old mode's Flux
 * objects after installing the new mode's: among them the flux-system Kustomization the new mode
 * also runs, whose deletion makes kustomize-controller prune everything it applied. The switch is
 * done by hand, as the message and docs/flux.md ("Switching install modes") say: uninstall the old
 * mode's Flux keeping the workloads, remove its component from the stack with a targeted destroy,
 * then acknowledge with `flux.allowInstallModeSwitch: true` for that update.
 */
export function installModeSwitchProblem(
  previous: string | undefined,
  current: FluxInstallMode,
  allowSwitch: boolean,
  where: InstallModeSwitchContext = { stack: "<env>", project: "aks-flux-gitops", namespace: "flux-system" },
): string | undefined {
  if (previous === undefined || previous === current || allowSwitch) return undefined;
  const was = previous;
  const component = componentOfMode[was as FluxInstallMode] ?? componentOfMode.bootstrap;
  const destroy = `pulumi destroy -s ${where.stack} --target 'urn:pulumi:${where.stack}::${where.project}::${component}::flux' --target-dependents`;
  const steps =
    was === "operator"
      ? `1. ${destroy} (it deletes the FluxInstance first, so the operator uninstalls Flux and keeps the workloads, then the operator and its files in Git)`
      : `1. on AKS, flux uninstall --namespace ${where.namespace} --silent (it keeps the workloads; on your own cluster step 2 runs the same uninstall), 2. ${destroy} (it removes the bootstrap mode's objects and files from the stack)`;
  return problem(
    ["flux", "installMode"],
    current,
    `differs from the last deployment's install mode (${was}): one pulumi up cannot switch a running Flux between modes without deleting it (its flux-system Kustomization would prune every workload it applied); ` +
      `switch by hand (docs/flux.md "Switching install modes"): ${steps}, then set aks-flux-gitops:flux.allowInstallModeSwitch true for that update only; or set flux.installMode back to ${was}`,
  );
}
