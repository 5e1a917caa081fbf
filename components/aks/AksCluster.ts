import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AksClusterOptions } from "../../generators/aks/clusterOptions";
import { aksAadServerAppId, kubeloginKubeconfig, userKubeconfigFromCredentials } from "../../generators/aks/kubeloginKubeconfig";
import { maintenanceConfigurationSpecs } from "../../generators/aks/maintenanceConfigurations";
import { clusterVersionFields, poolVersionFields } from "../../generators/aks/kubernetesVersions";
import { managedClusterSpec, userPoolSpec, type ClusterFeatures } from "../../generators/aks/managedClusterSpec";
import { subscriptionIdOf } from "../../generators/aks/resourceIds";
import { builtInRoles, deterministicGuid, roleDefinitionId } from "../../generators/azure/names";
import { kubernetesUpgrade, rbacReady, systemPoolSync } from "./clusterCommands";
import { createContainerInsightsRule, createLogAnalyticsWorkspace } from "./monitoring";

/** Inputs of one environment's AKS cluster. */
export interface AksClusterArgs {
  /** The cluster's settings, every default applied (config's `cluster.*` for an AKS environment). Required. */
  readonly cluster: AksClusterOptions;
  /** Environment name; appears in descriptions. Required. */
  readonly environment: string;
  /** Azure region of the cluster and its companions. Required. */
  readonly location: string;
  /** Resource group everything goes into. Required. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Tags on every Azure resource (`azure.tags`: environment, managed-by, project, ...). Required. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Entra ID principals that run `pulumi up` (`azure.deployerObjectIds`); each gets
   * "Azure Kubernetes Service RBAC Cluster Admin" on the cluster. From config, never
   * from the caller, so a laptop and CI register the same assignments. Required.
   */
  readonly deployerObjectIds: readonly string[];
  /** `protect` the cluster against destroy and replacement (config's `protect`, which the profile decides). */
  readonly protect: boolean;
  /** Entra ID tenant of the cluster's users (`aadProfile.tenantID`, kubelogin `--tenant-id`). Required. */
  readonly tenantId: pulumi.Input<string>;
  /** Subscription of the cluster, for the role definition id. Default: taken from the cluster's resource id. */
  readonly subscriptionId?: pulumi.Input<string>;
  /**
   * Let the Kubernetes provider drop in-cluster resources from state when the
   * cluster cannot be reached. Default: unset, so only `PULUMI_K8S_DELETE_UNREACHABLE=true`
   * turns it on for one run. Not on by default because a runner outside
   * `cluster.authorizedIpRanges` would then silently forget every Flux object on
   * refresh; destroy does not need it, as in-cluster objects are `deletedWith` the cluster.
   */
  readonly deleteUnreachable?: boolean;
  /** Add-ons the environment needs beyond the baseline (the webhook receiver's ingress). Default: none. */
  readonly features?: ClusterFeatures;
}

/**
 * One environment's AKS cluster, shaped after the AKS baseline and the AVM
 * managed-cluster WAF-aligned example (see generators/aks/managedClusterSpec.ts),
 * and a Kubernetes provider for it that works without local accounts: a
 * kubelogin kubeconfig from the cluster-user credentials plus an Azure RBAC
 * cluster-admin assignment for the deployer, which the provider waits for.
 */
export class AksCluster extends pulumi.ComponentResource {
  /** The cluster resource; in-cluster resources use it for `deletedWith`. */
  readonly managedCluster: containerservice.ManagedCluster;
  readonly clusterName: pulumi.Output<string>;
  readonly clusterId: pulumi.Output<string>;
  /** OIDC issuer for workload identity federation (GitOps repos put it in federated credentials). */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  readonly kubeletIdentityObjectId: pulumi.Output<string>;
  readonly kubeletIdentityClientId: pulumi.Output<string>;
  readonly controlPlaneIdentityPrincipalId: pulumi.Output<string>;
  /** Kubeconfig using kubelogin in `cluster.kubeloginMode` (secret; holds no credential itself). */
  readonly kubeconfig: pulumi.Output<string>;
  /** Cluster admin for each deployer, keyed by object id. */
  readonly clusterAdminRoleAssignments: ReadonlyMap<string, authorization.RoleAssignment>;
  /** Kubernetes provider for the cluster; registered after the deployers' RBAC reached the API server and the user pool exists. */
  readonly provider: k8s.Provider;
  /** Resource id of the Log Analytics workspace; undefined unless `cluster.monitoring`. */
  readonly logAnalyticsWorkspaceId?: pulumi.Output<string>;
  /** The autoscaling user pool; undefined unless `cluster.userPool`. */
  readonly userPool?: containerservice.AgentPool;
  readonly maintenanceConfigurations: readonly containerservice.MaintenanceConfiguration[];

  constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:aks:AksCluster", name, {}, opts);
    const cluster = args.cluster;
    const parent = { parent: this };

    const identity = new managedidentity.UserAssignedIdentity(
      `${name}-identity`,
      { resourceName: `id-${cluster.name}`, resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } },
      parent,
    );
    const workspace = cluster.monitoring
      ? createLogAnalyticsWorkspace(
          name,
          { clusterName: cluster.name, location: args.location, resourceGroupName: args.resourceGroupName, tags: args.tags },
          this,
        )
      : undefined;

    const spec = managedClusterSpec<pulumi.Input<string>>(
      cluster,
      args.location,
      args.tags,
      {
        resourceGroupName: args.resourceGroupName,
        controlPlaneIdentityId: identity.id,
        tenantId: args.tenantId,
        logAnalyticsWorkspaceId: workspace?.id,
      },
      args.features,
    );
    this.managedCluster = new containerservice.ManagedCluster(`${name}-cluster`, spec, {
      parent: this,
      protect: args.protect,
      // The inline system pool is create-only (pulumi/pulumi-azure-native#4264, #2094):
      // later changes go through per-pool operations (systemPoolSync). The version is
      // patched by AKS itself and upgraded through `az aks upgrade` (kubernetesUpgrade).
      ignoreChanges: ["agentPoolProfiles", ...clusterVersionFields],
    });
    const clusterName = this.managedCluster.name;

    const pool = userPoolSpec(cluster, args.tags);
    if (pool !== undefined) {
      const { name: agentPoolName, ...poolArgs } = pool;
      this.userPool = new containerservice.AgentPool(
        `${name}-user-pool`,
        { ...poolArgs, agentPoolName, resourceGroupName: args.resourceGroupName, resourceName: clusterName },
        // The cluster autoscaler owns the node count between minCount and maxCount; AKS patches the version.
        { parent: this, ignoreChanges: ["count", ...poolVersionFields] },
      );
    }
    const afterPools = { parent: this, dependsOn: this.userPool ? [this.managedCluster, this.userPool] : [this.managedCluster] };
    systemPoolSync(name, this.managedCluster.id, spec.agentPoolProfiles[0], afterPools);
    kubernetesUpgrade(name, this.managedCluster.id, cluster.kubernetesVersion, afterPools);

    this.maintenanceConfigurations = maintenanceConfigurationSpecs(cluster).map(
      (window) =>
        new containerservice.MaintenanceConfiguration(
          `${name}-${window.role}`,
          {
            configName: window.configName,
            resourceGroupName: args.resourceGroupName,
            resourceName: clusterName,
            maintenanceWindow: window.maintenanceWindow,
          },
          parent,
        ),
    );

    if (workspace !== undefined) {
      createContainerInsightsRule(
        name,
        {
          clusterName: cluster.name,
          clusterId: this.managedCluster.id,
          location: args.location,
          resourceGroupName: args.resourceGroupName,
          workspaceId: workspace.id,
          tags: args.tags,
        },
        this,
      );
      this.logAnalyticsWorkspaceId = workspace.id;
    }

    const role = builtInRoles.aksRbacClusterAdmin;
    const subscriptionId = args.subscriptionId ?? this.managedCluster.id.apply(subscriptionIdOf);
    const assignments = new Map<string, authorization.RoleAssignment>();
    for (const principalId of args.deployerObjectIds) {
      assignments.set(
        principalId,
        new authorization.RoleAssignment(
          `${name}-deployer-admin-${principalId}`,
          {
            scope: this.managedCluster.id,
            principalId,
            roleDefinitionId: pulumi.output(subscriptionId).apply((sub) => roleDefinitionId(sub, role)),
            // Deterministic from the cluster and the configured principal: the same on every runner.
            roleAssignmentName: this.managedCluster.id.apply((scope) => deterministicGuid(scope, principalId, role)),
            description: `Lets a deployer of ${args.environment} (azure.deployerObjectIds) manage the cluster's Kubernetes objects (Flux).`,
          },
          parent,
        ),
      );
    }
    this.clusterAdminRoleAssignments = assignments;

    // The cluster-user credentials carry no secret with Entra ID, but they name the
    // API server and CA; the kubeconfig stays a secret so it never shows in logs.
    const credentials = containerservice.listManagedClusterUserCredentialsOutput(
      { resourceGroupName: args.resourceGroupName, resourceName: clusterName, format: "exec" },
      parent,
    );
    this.kubeconfig = pulumi.secret(
      pulumi.all([credentials, args.tenantId]).apply(([result, tenantId]) =>
        kubeloginKubeconfig(userKubeconfigFromCredentials(result.kubeconfigs), {
          mode: cluster.kubeloginMode,
          serverId: aksAadServerAppId,
          tenantId,
        }),
      ),
    );

    const rbac = rbacReady(name, cluster.name, this.managedCluster.resourceUID, this.kubeconfig, {
      parent: this,
      dependsOn: [...assignments.values()],
    });
    this.provider = new k8s.Provider(
      `${name}-provider`,
      {
        kubeconfig: this.kubeconfig,
        // Replace the provider (and so re-create in-cluster objects) only when the cluster
        // itself is re-created, not when its CA or endpoint changes.
        clusterIdentifier: this.managedCluster.resourceUID,
        // As for a bring-your-own cluster (index.ts): server-side apply takes over fields a
        // previous `flux bootstrap` or kubectl apply owned.
        enablePatchForce: true,
        ...(args.deleteUnreachable === true ? { deleteUnreachable: true } : {}),
      },
      // Azure RBAC must grant the deployer cluster admin before the first API call, and
      // Flux (no toleration for the system pool's CriticalAddonsOnly taint) needs the user pool.
      { parent: this, dependsOn: [rbac, ...(this.userPool ? [this.userPool] : [])] },
    );

    this.clusterName = clusterName;
    this.clusterId = this.managedCluster.id;
    this.oidcIssuerUrl = this.managedCluster.oidcIssuerProfile.apply((p) =>
      required(p?.issuerURL, cluster.name, "oidcIssuerProfile.issuerURL"),
    );
    const kubelet = this.managedCluster.identityProfile.apply((p) => p?.["kubeletidentity"]);
    this.kubeletIdentityObjectId = kubelet.apply((k) => required(k?.objectId, cluster.name, "identityProfile.kubeletidentity.objectId"));
    this.kubeletIdentityClientId = kubelet.apply((k) => required(k?.clientId, cluster.name, "identityProfile.kubeletidentity.clientId"));
    this.controlPlaneIdentityPrincipalId = identity.principalId;

    this.registerOutputs({
      managedCluster: this.managedCluster,
      clusterName: this.clusterName,
      clusterId: this.clusterId,
      oidcIssuerUrl: this.oidcIssuerUrl,
      kubeletIdentityObjectId: this.kubeletIdentityObjectId,
      kubeletIdentityClientId: this.kubeletIdentityClientId,
      controlPlaneIdentityPrincipalId: this.controlPlaneIdentityPrincipalId,
      kubeconfig: this.kubeconfig,
      provider: this.provider,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      userPool: this.userPool,
    });
  }
}

function required(value: string | undefined, clusterName: string, what: string): string {
  if (value === undefined || value === "") throw new Error(`AKS returned no ${what} for cluster ${clusterName}`);
  return value;
}
