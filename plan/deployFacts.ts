import type { AgeKeyGeneration } from "../generators/sops/sopsAgeSecret";
import type { ClusterSettings } from "../generators/wiring/clusterSettings";
import type { NotificationSecretFacts } from "./notifications";

/**
 * Values the repository files need that exist only after deployment: the cluster
 * settings that config alone cannot tell. Components pass the real values
 * (Pulumi outputs, resolved); render passes placeholders.
 */
export type DeployFacts = Omit<ClusterSettings, "environment" | "clusterName" | "resourceGroup" | "region"> & {
  /** Client id of the Flux controllers' user-assigned identity ("" without flux.workloadIdentity). */
  readonly fluxClientId: string;
};

const placeholder = (what: string) => `<unknown until deploy: ${what}>`;

/** Readable stand-ins for `npm run render`. */
export const placeholderFacts: DeployFacts = {
  subscriptionId: placeholder("azure subscription id"),
  tenantId: placeholder("azure tenant id"),
  oidcIssuerUrl: placeholder("cluster oidc issuer url"),
  keyVaultName: placeholder("key vault name"),
  keyVaultUri: placeholder("key vault uri"),
  sopsAgeRecipient: placeholder("sops age recipient"),
  fluxClientId: placeholder("flux workload identity client id"),
};

/** Secret material that ends up in cluster Secrets only, never in Git. */
export interface SecretFacts {
  readonly infraDeployKey: { readonly privateKey: string; readonly publicKey: string };
  /** Absent in monorepo mode. */
  readonly appsDeployKey?: { readonly privateKey: string; readonly publicKey: string };
  /** The age key generations Flux decrypts with, current first, each with its key file. */
  readonly ageKeys: readonly AgeKeyGeneration[];
  /** Values of the notification Secrets (receiver token, commit status credentials, chat address). Default: none. */
  readonly notifications?: NotificationSecretFacts;
}

export const redacted = "<redacted>";

/** What render shows for secrets: values redacted, public parts readable placeholders. */
export const redactedSecretFacts = (options: { monorepo: boolean; ageKeyGenerations: readonly number[] }): SecretFacts => ({
  infraDeployKey: { privateKey: redacted, publicKey: placeholder("infra deploy key public key") },
  appsDeployKey: options.monorepo ? undefined : { privateKey: redacted, publicKey: placeholder("apps deploy key public key") },
  ageKeys: options.ageKeyGenerations.map((generation) => ({ generation, keyFile: redacted })),
});
