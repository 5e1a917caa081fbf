import type { AksClusterOptions } from "../generators/aks/clusterOptions";
import type { FluxInstallOptions } from "../generators/flux/install/options";
import type { SshKeyAlgorithm } from "../generators/flux/sourceSecret";
import type { GitRef } from "../generators/git/gitRef";
import type { KustomizePatch } from "../generators/kustomize/patchTypes";
import type { SecretValue } from "./secretValue";
import type { FluxInstallMode, FluxOperatorConfig } from "./fluxInstallMode";

/** Which set of defaults an environment starts from (see README, "Configuration"). */
export type Profile = "development" | "production";

export interface AzureConfig {
  /** Azure region of every resource of the environment. */
  readonly location: string;
  /** Resource group the environment lives in. */
  readonly resourceGroupName: string;
  /** True when the resource group already exists and is only referenced. */
  readonly useExistingResourceGroup: boolean;
  /** Tags on every Azure resource: environment, managed-by, project, plus `azure.tags`. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Entra ID principals that run `pulumi up` for this environment (CI identities, the
   * platform team's group). They get cluster admin (Azure RBAC) and Key Vault Secrets
   * Officer; never the caller's own object id, so every runner sees the same inputs.
   */
  readonly deployerObjectIds: readonly string[];
}

export interface GithubConfig {
  readonly owner: string;
  readonly infraRepository: string;
  /** Equal to `infraRepository` in monorepo mode. */
  readonly appsRepository: string;
  readonly monorepo: boolean;
  /** Branch the stack commits to and Flux follows by default. */
  readonly branch: string;
  /** `github.com` or a GitHub Enterprise Server host name. */
  readonly hostname: string;
  /** `host` or `host:port` Flux clones from over SSH, as `flux bootstrap --ssh-hostname`; `hostname` unless set. */
  readonly sshHostname: string;
  /** SSH known_hosts lines for `sshHostname` (GitHub's published keys for github.com). */
  readonly knownHosts: string;
  /** Create the repositories (private) instead of expecting them to exist. */
  readonly createRepositories: boolean;
  readonly commitAuthor: { readonly name: string; readonly email: string };
}

/** The cluster settings: the AKS generators' options, plus how the cluster is reached. */
export interface ClusterConfig extends AksClusterOptions {
  /** "aks": this stack creates the cluster; "existing": bring your own via kubeconfig. */
  readonly mode: "aks" | "existing";
  /** Kubeconfig of an existing cluster (secret). Set only in "existing" mode. */
  readonly existingKubeconfig?: SecretValue;
}

/**
 * `flux.*`. The install options are Flux's own (generators/flux/install/options.ts, with their
 * defaults there): `components` is `flux.components` followed by `flux.componentsExtra`, as
 * `flux install` merges them. The document order is not configurable. `version` is `vX.Y.Z`; in
 * operator mode also a semver range the operator upgrades within (`2.9.x`).
 */
export interface FluxConfig extends Omit<FluxInstallOptions, "resourceOrder"> {
  /** `bootstrap`: the program installs Flux as `flux bootstrap` does; `operator`: the Flux Operator installs it from a FluxInstance. */
  readonly installMode: FluxInstallMode;
  /** Present exactly in operator mode. */
  readonly operator?: FluxOperatorConfig;
  /** Lets one update change `installMode` of a deployed environment (after the manual steps of docs/flux.md). */
  readonly allowInstallModeSwitch: boolean;
  readonly componentsExtra: readonly string[];
  /**
   * Delete a component's CRDs when the component is removed from `flux.components`
   * (Kubernetes then deletes every object of those kinds). Default false: CRDs stay.
   */
  readonly pruneCrdsOnRemoval: boolean;
  /** Sync interval of the flux-system GitRepository, in Go form ("1m0s"). */
  readonly interval: string;
  readonly sshKeyAlgorithm: SshKeyAlgorithm;
  readonly deployKeyRotation: number;
  /** Reference the flux-system GitRepository follows (default: branch `github.branch`). */
  readonly ref: GitRef;
  /** Local release manifests (directory or manifests.tar.gz) instead of a download. */
  readonly manifests?: string;
  readonly manifestsSha256?: string;
  /** True when the image-automation-controller is installed: an ImageUpdateAutomation commits to `imageUpdateAutomation`'s repository. */
  readonly imageAutomation: boolean;
  /** Push-triggered sync through a GitHub webhook; absent when `flux.receiver` is not set. */
  readonly receiver?: ReceiverConfig;
  /** Kustomize patches added to `clusters/<env>/<namespace>/kustomization.yaml` after the program's own (lockdown, workload identity). */
  readonly patches: readonly KustomizePatch[];
  /** Flux's multi-tenancy lockdown; the apps Kustomization runs as a service account limited to `apps.namespaces`. */
  readonly multitenant: boolean;
  /** Azure workload identity for the controllers that reach Azure (AKS mode only); absent when off. */
  readonly workloadIdentity?: FluxWorkloadIdentityConfig;
  /** Present exactly when `imageAutomation` is true. */
  readonly imageUpdateAutomation?: ImageUpdateAutomationConfig;
}

export interface ReceiverConfig {
  /** Host name GitHub posts to over HTTPS; its DNS record points at the ingress controller. */
  readonly hostname: string;
  readonly ingressClassName: string;
  /** True when the class is AKS's application routing add-on, which the stack enables on its cluster. */
  readonly appRouting: boolean;
  readonly tls: { readonly secretName: string } | { readonly keyVaultCertificateUri: string };
  /** Bump to generate a new webhook token (Secret, Receiver path and GitHub webhooks follow). */
  readonly tokenRotation: number;
}

export type GithubStatusCredentialsConfig =
  | { readonly kind: "app"; readonly appId: string; readonly installationId: string; readonly privateKey: SecretValue }
  | { readonly kind: "token"; readonly token: SecretValue };

export interface ChatNotificationsConfig {
  readonly type: "msteams" | "slack" | "generic";
  /** Webhook address (secret: it embeds credentials). */
  readonly address: SecretValue;
  readonly channel?: string;
  readonly eventSeverity: "info" | "error";
  /** Objects whose events are sent; undefined means the environment's Kustomizations and GitRepositories (the plan names them). */
  readonly eventSources?: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
}

export interface NotificationsConfig {
  /** Commit statuses on the infra and apps repositories; absent unless `notifications.commitStatus: true`. */
  readonly commitStatus?: { readonly credentials: GithubStatusCredentialsConfig };
  readonly chat?: ChatNotificationsConfig;
}

export interface FluxWorkloadIdentityConfig {
  /** Controllers (their service accounts) federated with the identity. */
  readonly controllers: readonly string[];
  /** Container registry resource ids on which the identity gets AcrPull. */
  readonly acrPullRegistries: readonly string[];
}

export interface ImageUpdateAutomationConfig {
  readonly repository: "infra" | "apps";
  readonly branch: string;
  /** Path the automation updates, "./..." */
  readonly path: string;
  /** Go form ("30m0s"). */
  readonly interval: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly messageTemplate?: string;
}

export interface AppsConfig {
  readonly ref: GitRef;
  /** Interval of the apps GitRepository, Go form. */
  readonly interval: string;
  /** Path in the apps repository reconciled for this environment ("./apps/overlays/<env>"). */
  readonly path: string;
  /** Namespaces the apps team owns: in multi-tenant mode, the only ones the apps Kustomization may change. */
  readonly namespaces: readonly string[];
}

export interface SopsConfig {
  readonly decrypterObjectIds: readonly string[];
  readonly purgeProtection: boolean;
  readonly softDeleteRetentionDays: number;
  /**
   * Keep the age key in a Key Vault (default). False (bring-your-own clusters only): the
   * key lives only in the encrypted stack state and the cluster, and nothing is created in Azure.
   */
  readonly keyVault: boolean;
  /** Key Vault name override; computed (globally unique) when absent. */
  readonly keyVaultName?: string;
  /**
   * Generations whose keys Flux can decrypt with: current first (`sops.ageKeyGeneration`), then
   * the previous one during a rotation while `sops.keepPreviousAgeKey`.
   */
  readonly ageKeyGenerations: readonly number[];
  /** True when `sops.ageKeyGenerations` lists them (a jump is then allowed, going back still is not). */
  readonly explicitAgeKeyGenerations: boolean;
  /** Create the vault with `createMode: recover` (a soft-deleted vault of the same name exists). */
  readonly recoverSoftDeletedVault: boolean;
}

/** The validated, defaulted, frozen configuration of one environment stack. */
export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  readonly environment: string;
  readonly profile: Profile;
  /**
   * Mark the stateful resources (cluster, Key Vault, age key seeds) `protect`, so a
   * destroy or a replacement stops before deleting them. Default: true in production.
   */
  readonly protect: boolean;
  readonly azure: AzureConfig;
  readonly github: GithubConfig;
  readonly cluster: ClusterConfig;
  readonly flux: FluxConfig;
  readonly apps: AppsConfig;
  readonly sops: SopsConfig;
  readonly notifications: NotificationsConfig;
  /** Infra layers in dependency order, each a Flux Kustomization of `<layer>/overlays/<env>`; apps follow the last. */
  readonly layers: readonly string[];
  /** Where downloaded Flux release manifests are cached. */
  readonly cacheDir: string;
  /** Credentials from the environment of the run, for providers only (passed as Pulumi secrets). */
  readonly credentials: {
    /** `GITHUB_TOKEN`; when unset the GitHub provider has no token (and fails on its first call). */
    readonly githubToken?: SecretValue;
  };
}
