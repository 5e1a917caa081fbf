import { canonicalGoDuration } from "../generators/flux/duration";
import { ageKeyGenerationProblems, keptAgeKeyGenerations } from "./ageKeyGenerations";
import { commonDefaults, defaultProfileFor, profileDefaults } from "./defaults";
import { ConfigError, problem, withSecretKeys } from "./errors";
import { checkPlainTextSecrets } from "./plainTextSecrets";
import { checkExistingCluster } from "./existingCluster";
import { checkFluxComponents } from "./fluxComponents";
import { resolveFluxFeatures, resolveLayers } from "./fluxFeatures";
import { resolveInstallMode } from "./fluxInstallMode";
import { parseRawConfig, withNumberSources } from "./parse";
import { checkNotificationController, resolveNotifications, resolveReceiver } from "./resolveNotifications";
import { SecretValue } from "./secretValue";
import type { GitRef } from "../generators/git/gitRef";
import { resolveCluster } from "./resolveCluster";
import { resolveGithub } from "./resolveGithub";
import type { StackConfig } from "./types";

export interface ConfigInput {
  readonly project: string;
  readonly stack: string;
  /** Values under the `aks-flux-gitops:` namespace, keyed without the prefix, objects parsed. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly cacheDir: string;
  /** `GITHUB_TOKEN` from the environment of `pulumi up`; never part of the stack file. */
  readonly githubToken?: string;
  /**
   * Top-level keys whose values Pulumi decrypted from secrets (engine only). Absent:
   * the values come from a stack file, where a secret is `{secure: ...}`.
   */
  readonly secretKeys?: ReadonlySet<string>;
  /** Problems found while reading the source (YAML, namespaces), reported with the rest. */
  readonly sourceProblems?: readonly string[];
  /** Source text of numeric scalars by key path, for "quote it" hints. */
  readonly numberSources?: ReadonlyMap<string, string>;
}

const environmentPattern = /^(?=.{2,12}$)(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Validates a stack's configuration, applies the profile's defaults and returns a
 * frozen StackConfig. Throws a ConfigError listing every problem at once.
 */
export function resolveStackConfig(input: ConfigInput): StackConfig {
  return withSecretKeys(input.secretKeys ?? new Set(), () => withNumberSources(input.numberSources, () => resolve(input)));
}

function resolve(input: ConfigInput): StackConfig {
  const parsed = parseRawConfig(input.values);
  const { config: raw, failedPaths } = parsed;
  const problems = [...(input.sourceProblems ?? []), ...parsed.problems];

  const environment = raw.environment ?? input.stack;
  if (raw.environment === undefined && !environmentPattern.test(environment)) {
    problems.push(
      problem(
        ["environment"],
        environment,
        "(the stack name, used by default) must be 2-12 characters of lower-case a-z, 0-9 and single hyphens; set aks-flux-gitops:environment explicitly",
      ),
    );
  }
  const profile = raw.profile ?? defaultProfileFor(environment);
  const defaults = profileDefaults[profile];

  const required = (path: string[], value: unknown, example: string) => {
    if (value === undefined && !failedPaths.has(path.join("."))) {
      problems.push(problem(path, undefined, `is required; set it with \`pulumi config set --path ${path.join(".")} ${example}\``));
    }
  };
  const byoWithoutAzure = raw.cluster?.existingKubeconfig !== undefined && raw.sops?.keyVault === false;
  if (!byoWithoutAzure) required(["azure", "location"], raw.azure?.location, "westeurope");
  required(["github", "owner"], raw.github?.owner, "my-org");
  required(["github", "infraRepository"], raw.github?.infraRepository, "fleet-infra");

  const github = resolveGithub(raw, problems);
  if (raw.apps?.path !== undefined && !raw.apps.path.split("/").includes(environment)) {
    problems.push(
      problem(
        ["apps", "path"],
        raw.apps.path,
        `must contain the environment name (${environment}) as a directory, e.g. ./apps/overlays/${environment}, so no two stacks write the same files`,
      ),
    );
  }
  const cluster = resolveCluster(raw, environment, profile, problems, failedPaths);
  const kubeconfigIsSecret =
    input.secretKeys === undefined ? typeof raw.cluster?.existingKubeconfig === "object" : input.secretKeys.has("cluster");
  checkExistingCluster(raw, kubeconfigIsSecret, problems);
  checkPlainTextSecrets(raw, input.secretKeys, problems);
  problems.push(...checkFluxComponents(raw.flux?.components, raw.flux?.componentsExtra));
  const componentsExtra = raw.flux?.componentsExtra ?? [];
  const components = [...(raw.flux?.components ?? commonDefaults.flux.components), ...componentsExtra];
  const receiver = resolveReceiver(raw, cluster.mode, problems, failedPaths);
  const notifications = resolveNotifications(raw, problems, failedPaths);
  checkNotificationController(raw, components, problems);
  const appsPath = raw.apps?.path ?? `./apps/overlays/${environment}`;
  const { layers, appsNamespaces } = resolveLayers(raw, problems);
  const installMode = resolveInstallMode(raw, commonDefaults.flux.version, problems);
  const fluxFeatures = resolveFluxFeatures(raw, { environment, clusterMode: cluster.mode, components, github, appsPath, layers }, problems);
  const deployerObjectIds = raw.azure?.deployerObjectIds ?? [];
  const ageKeys = keptAgeKeyGenerations(raw.sops ?? {});
  problems.push(...ageKeyGenerationProblems(raw.sops ?? {}));

  if (problems.length > 0) throw new ConfigError(problems);

  const location = raw.azure?.location ?? "";
  const stackConfig: StackConfig = {
    project: input.project,
    stack: input.stack,
    environment,
    profile,
    protect: raw.protect ?? defaults.protect,
    azure: {
      location,
      resourceGroupName: raw.azure?.existingResourceGroupName ?? `rg-${input.project}-${environment}`,
      useExistingResourceGroup: raw.azure?.existingResourceGroupName !== undefined,
      tags: { ...raw.azure?.tags, environment, "managed-by": "pulumi", project: input.project },
      deployerObjectIds,
    },
    github,
    cluster,
    flux: {
      version: raw.flux?.version ?? commonDefaults.flux.version,
      namespace: raw.flux?.namespace ?? commonDefaults.flux.namespace,
      components,
      componentsExtra,
      watchAllNamespaces: raw.flux?.watchAllNamespaces ?? commonDefaults.flux.watchAllNamespaces,
      networkPolicy: raw.flux?.networkPolicy ?? commonDefaults.flux.networkPolicy,
      clusterDomain: raw.flux?.clusterDomain ?? commonDefaults.flux.clusterDomain,
      logLevel: raw.flux?.logLevel ?? commonDefaults.flux.logLevel,
      registry: raw.flux?.registry ?? commonDefaults.flux.registry,
      imagePullSecret: raw.flux?.imagePullSecret ?? commonDefaults.flux.imagePullSecret,
      tolerationKeys: raw.flux?.tolerationKeys ?? commonDefaults.flux.tolerationKeys,
      pruneCrdsOnRemoval: raw.flux?.pruneCrdsOnRemoval ?? false,
      interval: goDuration(raw.flux?.interval ?? commonDefaults.flux.interval),
      sshKeyAlgorithm: raw.flux?.sshKeyAlgorithm ?? commonDefaults.flux.sshKeyAlgorithm,
      deployKeyRotation: raw.flux?.deployKeyRotation ?? 0,
      ref: (raw.flux?.ref as GitRef | undefined) ?? { branch: github.branch },
      manifests: raw.flux?.manifests,
      manifestsSha256: raw.flux?.manifestsSha256,
      ...installMode,
      allowInstallModeSwitch: raw.flux?.allowInstallModeSwitch ?? false,
      imageAutomation: componentsExtra.includes("image-automation-controller"),
      receiver,
      ...fluxFeatures,
    },
    apps: {
      ref: (raw.apps?.ref as GitRef | undefined) ?? { branch: github.branch },
      interval: goDuration(raw.apps?.interval ?? defaults.appsInterval),
      path: appsPath,
      namespaces: appsNamespaces,
    },
    layers,
    sops: {
      decrypterObjectIds: raw.sops?.decrypterObjectIds ?? [],
      purgeProtection: raw.sops?.purgeProtection ?? defaults.purgeProtection,
      softDeleteRetentionDays: raw.sops?.softDeleteRetentionDays ?? defaults.softDeleteRetentionDays,
      keyVaultName: raw.sops?.keyVaultName,
      ageKeyGenerations: ageKeys,
      explicitAgeKeyGenerations: (raw.sops?.ageKeyGenerations?.length ?? 0) > 0,
      recoverSoftDeletedVault: raw.sops?.recoverSoftDeletedVault ?? false,
      keyVault: raw.sops?.keyVault ?? true,
    },
    notifications,
    cacheDir: input.cacheDir,
    credentials: { githubToken: input.githubToken ? new SecretValue(input.githubToken) : undefined },
  };
  return deepFreeze(stackConfig);
}

function goDuration(text: string): string {
  return canonicalGoDuration(text) as string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !(value instanceof SecretValue) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
