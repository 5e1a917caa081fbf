import type * as authorization from "@pulumi/azure-native/authorization";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster } from "./components/aks/AksCluster";
import type { StackConfig } from "./config";

/** The cluster the program installs Flux in: the environment's AKS cluster, or one the user brings with a kubeconfig. */
export interface ClusterConnection {
  readonly provider: k8s.Provider;
  readonly kubeconfig: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** ARM id of the AKS cluster; "" for a bring-your-own cluster. */
  readonly clusterId: pulumi.Output<string>;
  /** The kubelet's managed identity (for ACR pull and workload role assignments); empty for a bring-your-own cluster. */
  readonly kubeletIdentity: pulumi.Output<{ objectId: string; clientId: string }>;
  /** The AKS cluster in-cluster objects go with; undefined for a bring-your-own cluster. */
  readonly managedCluster?: pulumi.Resource;
}

export function connectCluster(
  cfg: StackConfig,
  resourceGroupName: pulumi.Output<string> | undefined,
  client: pulumi.Output<authorization.GetClientConfigResult> | undefined,
): ClusterConnection {
  // Flux co-manages these objects through server-side apply; patch force lets an upgrade take fields back.
  const providerSettings = { enablePatchForce: true };
  if (cfg.cluster.mode === "existing") {
    const kubeconfig = pulumi.secret(cfg.cluster.existingKubeconfig?.reveal() ?? "");
    return {
      // upsertExistingObjects adopts a Flux that `flux bootstrap` installed before (docs/flux.md, "Migrating").
      provider: new k8s.Provider("cluster", { kubeconfig, ...providerSettings, upsertExistingObjects: true }),
      kubeconfig,
      clusterName: pulumi.output(cfg.cluster.name),
      oidcIssuerUrl: pulumi.output(""),
      clusterId: pulumi.output(""),
      kubeletIdentity: pulumi.output({ objectId: "", clientId: "" }),
    };
  }
  if (!resourceGroupName || !client) throw new Error("an AKS cluster needs the environment's resource group and Azure client");
  const receiver = cfg.flux.receiver;
  const aks = new AksCluster("cluster", {
    cluster: cfg.cluster,
    environment: cfg.environment,
    location: cfg.azure.location,
    resourceGroupName,
    tags: cfg.azure.tags,
    deployerObjectIds: cfg.azure.deployerObjectIds,
    protect: cfg.protect,
    tenantId: client.tenantId,
    subscriptionId: client.subscriptionId,
    features: {
      webAppRouting: receiver?.appRouting,
      keyVaultSecretsProvider: receiver !== undefined && "keyVaultCertificateUri" in receiver.tls,
    },
  });
  return {
    provider: aks.provider,
    kubeconfig: aks.kubeconfig,
    clusterName: aks.clusterName,
    oidcIssuerUrl: aks.oidcIssuerUrl,
    managedCluster: aks.managedCluster,
    clusterId: aks.clusterId,
    kubeletIdentity: pulumi
      .all([aks.kubeletIdentityObjectId, aks.kubeletIdentityClientId])
      .apply(([objectId, clientId]) => ({ objectId, clientId })),
  };
}
