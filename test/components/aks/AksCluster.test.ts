import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { AksCluster as AksClusterType } from "../../../components/aks/AksCluster";
import {
  isSecretInput,
  startRecording,
  unwrapSecrets,
  valueOf,
  type RecordedResource,
  type ResourceRecorder,
} from "../../support/mockMonitor";
import { tenantId } from "../../support/aksKubeconfigs";
import { clusterAdminRole, deployer, mocks, subscription, T } from "./aksClusterMocks";
import { stackConfig, type StackName } from "../../generators/aks/stackConfigs";

interface StackExpectations {
  tier: string;
  zones?: string[];
  taint: boolean;
  user?: { vmSize: string; minCount: number; maxCount: number };
  authorizedIPRanges?: string[];
  window: { dayOfWeek: string; startTime: string };
  monitoring: boolean;
}
const stacks: Record<StackName, StackExpectations> = {
  dev: { tier: "Free", taint: false, window: { dayOfWeek: "Tuesday", startTime: "03:00" }, monitoring: false },
  staging: {
    tier: "Standard",
    zones: ["1", "2", "3"],
    taint: true,
    user: { vmSize: "Standard_D4ads_v5", minCount: 2, maxCount: 5 },
    authorizedIPRanges: ["52.174.0.0/24"],
    window: { dayOfWeek: "Tuesday", startTime: "02:00" },
    monitoring: true,
  },
  prod: {
    tier: "Standard",
    zones: ["1", "2", "3"],
    taint: true,
    user: { vmSize: "Standard_D8ads_v5", minCount: 3, maxCount: 10 },
    authorizedIPRanges: ["52.174.0.0/24"],
    window: { dayOfWeek: "Thursday", startTime: "02:00" },
    monitoring: true,
  },
};

type Inputs = Record<string, any>;

for (const [stack, want] of Object.entries(stacks) as [StackName, StackExpectations][]) {
  describe(`components/aks/AksCluster (Pulumi.${stack}.yaml)`, () => {
    const clusterName = `aks-${stack}`;
    let recorder: ResourceRecorder;
    let aks: AksClusterType;
    let cluster: RecordedResource;
    let inputs: Inputs;

    before(async () => {
      await pulumi.runtime.setMocks(mocks, "aks-flux-gitops", stack, false);
      recorder = startRecording();
      const { AksCluster } = await import("../../../components/aks/AksCluster");
      const cfg = stackConfig(stack);
      aks = new AksCluster("cluster", {
        cluster: cfg.cluster,
        environment: cfg.environment,
        location: cfg.azure.location,
        resourceGroupName: cfg.azure.resourceGroupName,
        tags: cfg.azure.tags,
        deployerObjectIds: [deployer],
        protect: false,
        tenantId,
      });
      await valueOf(aks.kubeconfig);
      await recorder.settled();
      cluster = recorder.get(T.cluster, "cluster-cluster");
      inputs = cluster.inputs as Inputs;
    });

    it("registers the component and names every child `cluster-<role>` under it", () => {
      const component = recorder.get(T.component, "cluster");
      const children = recorder.all().filter((r) => r.type !== T.component);
      for (const child of children) {
        assert.ok(child.name.startsWith("cluster-"), child.name);
        assert.equal(child.options.parent, component.urn, `${child.name} is parented to the component`);
        assert.equal(child.options.protect, false, `${child.name} is not protected`);
      }
      const names = children.map((c) => c.name).sort();
      const expectedNames = [
        "cluster-auto-upgrade-window",
        "cluster-cluster",
        `cluster-deployer-admin-${deployer}`,
        "cluster-kubernetes-version",
        "cluster-rbac-ready",
        "cluster-system-pool",
        "cluster-identity",
        "cluster-node-os-upgrade-window",
        "cluster-provider",
        ...(want.monitoring ? ["cluster-container-insights", "cluster-container-insights-association", "cluster-logs"] : []),
        ...(want.user ? ["cluster-user-pool"] : []),
      ].sort();
      assert.deepEqual(names, expectedNames);
    });

    it("creates the cluster named from config with its tags, version and DNS prefix", () => {
      assert.equal(inputs.resourceName, clusterName);
      assert.equal(inputs.resourceGroupName, `rg-aks-flux-gitops-${stack}`);
      assert.equal(inputs.dnsPrefix, clusterName);
      assert.equal(inputs.kubernetesVersion, undefined, "no pinned version: AKS picks the region's default");
      assert.deepEqual(inputs.tags, { environment: stack, "managed-by": "pulumi", project: "aks-flux-gitops" });
    });

    it("runs the control plane as the user-assigned identity", () => {
      const identity = recorder.get(T.identity, "cluster-identity");
      assert.equal(identity.inputs.resourceName, `id-${clusterName}`);
      assert.deepEqual(inputs.identity, {
        type: "UserAssigned",
        userAssignedIdentities: [
          `/subscriptions/${subscription}/resourceGroups/rg-aks-flux-gitops-${stack}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${clusterName}`,
        ],
      });
    });

    it("turns Entra ID with Azure RBAC on and local accounts off", () => {
      assert.deepEqual(inputs.aadProfile, {
        managed: true,
        enableAzureRBAC: true,
        adminGroupObjectIDs: ["6a4f2c1e-8b3d-4e5f-9a0b-1c2d3e4f5a6b"],
        tenantID: tenantId,
      });
      assert.equal(inputs.disableLocalAccounts, true);
      assert.equal(inputs.enableRBAC, true);
    });

    it("turns the OIDC issuer and workload identity on", () => {
      assert.deepEqual(inputs.oidcIssuerProfile, { enabled: true });
      assert.deepEqual(inputs.securityProfile, { workloadIdentity: { enabled: true } });
    });

    it("uses Azure CNI overlay with the Cilium dataplane and network policy", () => {
      const network = inputs.networkProfile;
      assert.equal(network.networkPlugin, "azure");
      assert.equal(network.networkPluginMode, "overlay");
      assert.equal(network.networkDataplane, "cilium");
      assert.equal(network.networkPolicy, "cilium");
      assert.equal(network.podCidr, "10.244.0.0/16");
      assert.equal(network.serviceCidr, "10.0.0.0/16");
      assert.equal(network.dnsServiceIP, "10.0.0.10");
    });

    it(`restricts the API server to ${want.authorizedIPRanges?.join(", ") ?? "nothing"}`, () => {
      assert.equal(inputs.apiServerAccessProfile.enablePrivateCluster, false);
      assert.deepEqual(inputs.apiServerAccessProfile.authorizedIPRanges, want.authorizedIPRanges);
    });

    it(`uses the ${want.tier} tier and the configured upgrade channels`, () => {
      assert.deepEqual(inputs.sku, { name: "Base", tier: want.tier });
      assert.deepEqual(inputs.autoUpgradeProfile, { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
    });

    it(`has a system pool ${want.zones ? "across zones 1-3" : "without zones"}${want.taint ? ", tainted CriticalAddonsOnly" : ", untainted"}`, () => {
      assert.equal(inputs.agentPoolProfiles.length, 1);
      const system = inputs.agentPoolProfiles[0];
      assert.equal(system.name, "system");
      assert.equal(system.mode, "System");
      assert.equal(system.osSKU, "AzureLinux");
      assert.equal(system.osDiskType, "Ephemeral");
      assert.deepEqual(system.availabilityZones, want.zones);
      assert.deepEqual(system.nodeTaints, want.taint ? ["CriticalAddonsOnly=true:NoSchedule"] : undefined);
    });

    if (want.user) {
      const user = want.user;
      it(`adds an autoscaling user pool (${user.minCount}-${user.maxCount} x ${user.vmSize}) whose count the autoscaler owns`, () => {
        const pool = recorder.get(T.agentPool, "cluster-user-pool");
        const p = pool.inputs as Inputs;
        assert.equal(p.agentPoolName, "user");
        assert.equal(p.resourceName, clusterName);
        assert.equal(p.mode, "User");
        assert.equal(p.osSKU, "AzureLinux");
        assert.equal(p.vmSize, user.vmSize);
        assert.equal(p.enableAutoScaling, true);
        assert.equal(p.minCount, user.minCount);
        assert.equal(p.maxCount, user.maxCount);
        assert.equal(p.count, user.minCount);
        assert.deepEqual(p.availabilityZones, want.zones);
        assert.deepEqual(pool.options.ignoreChanges, ["count", "orchestratorVersion"]);
        assert.ok(pool.options.dependencies.includes(cluster.urn), "the pool waits for the cluster");
      });
    } else {
      it("has no user pool", () => assert.equal(recorder.ofType(T.agentPool).length, 0));
    }

    it(`gates both auto-upgrade channels with a weekly ${want.window.dayOfWeek} ${want.window.startTime} window`, () => {
      const windows = recorder.ofType(T.maintenance).map((r) => r.inputs as Inputs);
      assert.deepEqual(windows.map((w) => w.configName).sort(), ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]);
      for (const w of windows) {
        assert.equal(w.resourceName, clusterName);
        assert.deepEqual(w.maintenanceWindow, {
          schedule: { weekly: { dayOfWeek: want.window.dayOfWeek, intervalWeeks: 1 } },
          durationHours: 4,
          startTime: want.window.startTime,
          utcOffset: "+00:00",
        });
      }
    });

    if (want.monitoring) {
      it("sends Container insights to its Log Analytics workspace with managed-identity auth", async () => {
        const workspace = recorder.get(T.workspace, "cluster-logs");
        const workspaceId = `/subscriptions/${subscription}/resourceGroups/rg-aks-flux-gitops-${stack}/providers/Microsoft.OperationalInsights/workspaces/log-${clusterName}`;
        assert.equal(workspace.inputs.workspaceName, `log-${clusterName}`);
        assert.deepEqual(inputs.addonProfiles.omsagent, {
          enabled: true,
          config: { logAnalyticsWorkspaceResourceID: workspaceId, useAADAuth: "true" },
        });
        const rule = recorder.get(T.dcr, "cluster-container-insights").inputs as Inputs;
        assert.equal(rule.dataCollectionRuleName, `MSCI-westeurope-${clusterName}`);
        assert.deepEqual(rule.destinations.logAnalytics, [{ name: "ciworkspace", workspaceResourceId: workspaceId }]);
        const association = recorder.get(T.dcra, "cluster-container-insights-association").inputs as Inputs;
        assert.equal(association.associationName, "ContainerInsightsExtension");
        assert.equal(association.resourceUri, await valueOf(aks.clusterId));
        assert.equal(await valueOf(aks.logAnalyticsWorkspaceId ?? pulumi.output("")), workspaceId);
      });
      it("turns the Azure Policy add-on on", () => assert.deepEqual(inputs.addonProfiles.azurepolicy, { enabled: true }));
    } else {
      it("has no Log Analytics workspace and the monitoring and policy add-ons off", () => {
        assert.equal(recorder.ofType(T.workspace).length + recorder.ofType(T.dcr).length + recorder.ofType(T.dcra).length, 0);
        assert.deepEqual(inputs.addonProfiles, { omsagent: { enabled: false }, azurepolicy: { enabled: false } });
        assert.equal(aks.logAnalyticsWorkspaceId, undefined);
      });
    }

    it("grants the deployer Azure Kubernetes Service RBAC Cluster Admin on the cluster", async () => {
      const assignment = recorder.get(T.roleAssignment, `cluster-deployer-admin-${deployer}`);
      const clusterId = await valueOf(aks.clusterId);
      assert.equal(assignment.inputs.scope, clusterId);
      assert.equal(assignment.inputs.principalId, deployer);
      assert.equal(
        assignment.inputs.roleDefinitionId,
        `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${clusterAdminRole}`,
      );
      assert.match(String(assignment.inputs.roleAssignmentName), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(assignment.options.dependencies.includes(cluster.urn));
    });

    it("registers the Kubernetes provider after the RBAC wait (which follows the role assignment), keyed to the cluster's resource UID", () => {
      const provider = recorder.get(T.provider, "cluster-provider");
      const assignment = recorder.get(T.roleAssignment, `cluster-deployer-admin-${deployer}`);
      const wait = recorder.get("command:local:Command", "cluster-rbac-ready");
      assert.ok(wait.options.dependencies.includes(assignment.urn), `wait dependencies: ${wait.options.dependencies.join(", ")}`);
      assert.ok(provider.options.dependencies.includes(wait.urn), `provider dependencies: ${provider.options.dependencies.join(", ")}`);
      assert.equal(provider.inputs.clusterIdentifier, `uid-${clusterName}`);
      assert.equal(provider.inputs.enablePatchForce, "true");
    });

    it("hands the provider a secret kubelogin kubeconfig in the configured mode, with no static credential", async () => {
      const provider = recorder.get(T.provider, "cluster-provider");
      assert.ok(isSecretInput(provider.inputs.kubeconfig), "the provider's kubeconfig input is a secret");
      const text = unwrapSecrets(provider.inputs.kubeconfig) as string;
      assert.equal(text, await valueOf(aks.kubeconfig));
      assert.equal(await pulumi.isSecret(aks.kubeconfig), true);
      assert.doesNotMatch(text, /client-certificate-data|client-key-data|token:|devicecode/);
      const config = parse(text) as {
        users: { user: { exec: { command: string; args: string[] } } }[];
        clusters: { cluster: { server: string } }[];
      };
      assert.equal(config.clusters[0].cluster.server, `https://${clusterName}-x1y2z3.hcp.westeurope.azmk8s.io:443`);
      assert.equal(config.users[0].user.exec.command, "kubelogin");
      assert.deepEqual(config.users[0].user.exec.args, [
        "get-token",
        "--login",
        "azurecli",
        "--server-id",
        "6dae42f8-4368-4678-94ff-3960e28e3630",
      ]);
    });

    it("exposes the OIDC issuer and the identities for the GitOps repositories", async () => {
      assert.equal(await valueOf(aks.clusterName), clusterName);
      assert.equal(await valueOf(aks.oidcIssuerUrl), `https://westeurope.oic.prod-aks.azure.com/${tenantId}/uid-${clusterName}/`);
      assert.equal(await valueOf(aks.kubeletIdentityObjectId), "kubelet-object-id");
      assert.equal(await valueOf(aks.kubeletIdentityClientId), "kubelet-client-id");
      assert.equal(await valueOf(aks.controlPlaneIdentityPrincipalId), "cp-principal-id");
      assert.equal(aks.managedCluster.constructor.name, "ManagedCluster");
    });
  });
}
