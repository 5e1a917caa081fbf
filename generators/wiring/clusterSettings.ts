import type { KubeObject } from "../kube/object";
import { clusterSettingsName } from "./reconciliation";

/** Facts about an environment that only Pulumi knows, exposed to manifests as `${NAME}` through postBuild. */
export interface ClusterSettings {
  readonly environment: string;
  readonly clusterName: string;
  readonly resourceGroup: string;
  readonly region: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly oidcIssuerUrl: string;
  readonly keyVaultName: string;
  readonly keyVaultUri: string;
  readonly sopsAgeRecipient: string;
}

/** The substitution variable for each setting (what manifests write as `${CLUSTER_NAME}`). */
export const clusterSettingVariables: Readonly<Record<keyof ClusterSettings, string>> = {
  environment: "ENVIRONMENT",
  clusterName: "CLUSTER_NAME",
  resourceGroup: "RESOURCE_GROUP",
  region: "AZURE_REGION",
  subscriptionId: "AZURE_SUBSCRIPTION_ID",
  tenantId: "AZURE_TENANT_ID",
  oidcIssuerUrl: "OIDC_ISSUER_URL",
  keyVaultName: "KEY_VAULT_NAME",
  keyVaultUri: "KEY_VAULT_URI",
  sopsAgeRecipient: "SOPS_AGE_RECIPIENT",
};

export function clusterSettingsConfigMap(namespace: string, settings: ClusterSettings): KubeObject {
  const data: Record<string, string> = {};
  for (const [key, variable] of Object.entries(clusterSettingVariables)) {
    data[variable] = settings[key as keyof ClusterSettings];
  }
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: clusterSettingsName, namespace }, data };
}
