import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AksClusterOptions } from "../../generators/aks/clusterOptions";
import { aksAadServerAppId, kubeloginKubeconfig, userKubeconfigFromCredentials } from "../../generators/aks/kubeloginKubeconfig";
import { maintenanceConfigurationSpecs } from "../../generators/aks/maintenanceConfigurations";
import { managedClusterSpec, userPoolSpec, type ClusterFeatures } from "../../generators/aks/managedClusterSpec";
import { subscriptionIdOf } from "../../generators/aks/resourceIds";
import { builtInRoles, deterministicGuid, roleDefinitionId } from "../../generators/azure/names";
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
  /** Object id of the principal running `pulumi up`; gets "Azure Kubernetes Service RBAC Cluster Admin" on the cluster. Required. */
  readonly deployerObjectId: pulumi.Input<string>;
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
  readonly clusterAdminRoleAssignment: authorization.RoleAssignment;
  /** Kubernetes provider for the cluster; registered after the deployer's role assignment. */
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
      ? createLogAnalyticsWorkspace(name, { clusterName: cluster.name, location: args.location, resourceGroupName: args.resourceGroupName, tags: args.tags }, this)
      : undefined;

    const spec = managedClusterSpec<pulumi.Input<string>>(cluster, args.location, args.tags, {
      resourceGroupName: args.resourceGroupName,
      controlPlaneIdentityId: identity.id,
      tenantId: args.tenantId,
      logAnalyticsWorkspaceId: workspace?.id,
    }, args.features);
    this.managedCluster = new containerservice.ManagedCluster(`${name}-cluster`, spec, parent);
    const clusterName = this.managedCluster.name;

    const pool = userPoolSpec(cluster, args.tags);
    if (pool !== undefined) {
      const { name: agentPoolName, ...poolArgs } = pool;
      this.userPool = new containerservice.AgentPool(
        `${name}-user-pool`,
        { ...poolArgs, agentPoolName, resourceGroupName: args.resourceGroupName, resourceName: clusterName },
        // The cluster autoscaler owns the node count between minCount and maxCount.
        { parent: this, ignoreChanges: ["count"] },
      );
    }

    this.maintenanceConfigurations = maintenanceConfigurationSpecs(cluster).map(
      (window) =>
        new containerservice.MaintenanceConfiguration(
          `${name}-${window.role}`,
          { configName: window.configName, resourceGroupName: args.resourceGroupName, resourceName: clusterName, maintenanceWindow: window.maintenanceWindow },
          parent,
        ),
    );

    if (workspace !== undefined) {
      createContainerInsightsRule(
        name,
        { clusterName: cluster.name, clusterId: this.managedCluster.id, location: args.location, resourceGroupName: args.resourceGroupName, workspaceId: workspace.id, tags: args.tags },
        this,
      );
      this.logAnalyticsWorkspaceId = workspace.id;
    }

    const role = builtInRoles.aksRbacClusterAdmin;
    const subscriptionId = args.subscriptionId ?? this.managedCluster.id.apply(subscriptionIdOf);
    this.clusterAdminRoleAssignment = new authorization.RoleAssignment(
      `${name}-cluster-admin`,
      {
        scope: this.managedCluster.id,
        principalId: args.deployerObjectId,
        roleDefinitionId: pulumi.output(subscriptionId).apply((sub) => roleDefinitionId(sub, role)),
        roleAssignmentName: pulumi.all([this.managedCluster.id, args.deployerObjectId]).apply(([scope, principal]) => deterministicGuid(scope, principal, role)),
        description: `Lets the principal running pulumi up for ${args.environment} manage the cluster's Kubernetes objects (Flux).`,
      },
      parent,
    );

    // The cluster-user credentials carry no secret with Entra ID, but they name the
    // API server and CA; the kubeconfig stays a secret so it never shows in logs.
    const credentials = containerservice.listManagedClusterUserCredentialsOutput(
      { resourceGroupName: args.resourceGroupName, resourceName: clusterName, format: "exec" },
      parent,
    );
    this.kubeconfig = pulumi.secret(
      pulumi.all([credentials, args.tenantId]).apply(([result, tenantId]) =>
        kubeloginKubeconfig(userKubeconfigFromCredentials(result.kubeconfigs), { mode: cluster.kubeloginMode, serverId: aksAadServerAppId, tenantId }),
      ),
    );

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
      // Azure RBAC must grant the deployer cluster admin before the first API call.
      { parent: this, dependsOn: [this.clusterAdminRoleAssignment] },
    );

    this.clusterName = clusterName;
    this.clusterId = this.managedCluster.id;
    this.oidcIssuerUrl = this.managedCluster.oidcIssuerProfile.apply((p) => required(p?.issuerURL, cluster.name, "oidcIssuerProfile.issuerURL"));
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
      clusterAdminRoleAssignment: this.clusterAdminRoleAssignment,
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
