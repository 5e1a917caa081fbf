import * as assert from "node:assert/strict";
import {
  criticalAddonsOnlyTaint,
  dnsPrefixFor,
  managedClusterSpec,
  systemPoolSpec,
  userPoolSpec,
  type ClusterRefs,
} from "../../../generators/aks/managedClusterSpec";
import { stackConfig, type StackName } from "./stackConfigs";

const refs: ClusterRefs<string> = {
  resourceGroupName: "rg-aks-flux-gitops-env",
  controlPlaneIdentityId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks",
  tenantId: "tenant-1",
  logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-aks",
};
const admins = ["6a4f2c1e-8b3d-4e5f-9a0b-1c2d3e4f5a6b"];

interface Expected {
  name: string;
  tier: string;
  zones?: string[];
  system: { vmSize: string; count: number; osDiskType: string; osDiskSizeGB?: number; nodeTaints?: string[] };
  user?: { vmSize: string; minCount: number; maxCount: number; osDiskSizeGB: number };
  authorizedIPRanges?: string[];
  monitoring: boolean;
  azurePolicy: boolean;
}

const expected: Record<StackName, Expected> = {
  dev: {
    name: "aks-dev",
    tier: "Free",
    system: { vmSize: "Standard_D2ads_v5", count: 1, osDiskType: "Ephemeral", osDiskSizeGB: 75 },
    monitoring: false,
    azurePolicy: false,
  },
  staging: {
    name: "aks-staging",
    tier: "Standard",
    zones: ["1", "2", "3"],
    system: { vmSize: "Standard_D4ads_v5", count: 3, osDiskType: "Ephemeral", osDiskSizeGB: 128, nodeTaints: [criticalAddonsOnlyTaint] },
    user: { vmSize: "Standard_D4ads_v5", minCount: 2, maxCount: 5, osDiskSizeGB: 128 },
    authorizedIPRanges: ["52.174.0.0/24"],
    monitoring: true,
    azurePolicy: true,
  },
  prod: {
    name: "aks-prod",
    tier: "Standard",
    zones: ["1", "2", "3"],
    system: { vmSize: "Standard_D4ads_v5", count: 3, osDiskType: "Ephemeral", osDiskSizeGB: 128, nodeTaints: [criticalAddonsOnlyTaint] },
    user: { vmSize: "Standard_D8ads_v5", minCount: 3, maxCount: 10, osDiskSizeGB: 128 },
    authorizedIPRanges: ["52.174.0.0/24"],
    monitoring: true,
    azurePolicy: true,
  },
};

describe("generators/aks/managedClusterSpec per stack file", () => {
  for (const [stack, want] of Object.entries(expected) as [StackName, Expected][]) {
    describe(stack, () => {
      const cfg = stackConfig(stack);
      const spec = managedClusterSpec(cfg.cluster, cfg.azure.location, cfg.azure.tags, refs);

      it("names the cluster and derives its DNS prefix", () => {
        assert.equal(spec.resourceName, want.name);
        assert.equal(spec.dnsPrefix, want.name);
        assert.equal(spec.location, "westeurope");
        assert.equal(spec.kubernetesVersion, undefined, "the shipped stacks leave the version to AKS (the region's default)");
        assert.equal(spec.supportPlan, "KubernetesOfficial");
        assert.equal(spec.resourceGroupName, refs.resourceGroupName);
        assert.deepEqual(spec.tags, { environment: stack, "managed-by": "pulumi", project: "aks-flux-gitops" });
      });

      it("uses Entra ID with Azure RBAC, no local accounts, the user-assigned identity", () => {
        assert.deepEqual(spec.aadProfile, { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: admins, tenantID: "tenant-1" });
        assert.equal(spec.enableRBAC, true);
        assert.equal(spec.disableLocalAccounts, true);
        assert.deepEqual(spec.identity, { type: "UserAssigned", userAssignedIdentities: [refs.controlPlaneIdentityId] });
      });

      it("enables the OIDC issuer and workload identity", () => {
        assert.deepEqual(spec.oidcIssuerProfile, { enabled: true });
        assert.deepEqual(spec.securityProfile, { workloadIdentity: { enabled: true } });
      });

      it("uses Azure CNI overlay with Cilium and the configured ranges", () => {
        assert.deepEqual(spec.networkProfile, {
          networkPlugin: "azure",
          networkPluginMode: "overlay",
          networkDataplane: "cilium",
          networkPolicy: "cilium",
          podCidr: "10.244.0.0/16",
          serviceCidr: "10.0.0.0/16",
          dnsServiceIP: "10.0.0.10",
          loadBalancerSku: "standard",
          outboundType: "loadBalancer",
        });
      });

      it(`restricts the API server to ${want.authorizedIPRanges ? want.authorizedIPRanges.join(", ") : "nothing (public)"}`, () => {
        assert.deepEqual(spec.apiServerAccessProfile, {
          enablePrivateCluster: false,
          ...(want.authorizedIPRanges ? { authorizedIPRanges: want.authorizedIPRanges } : {}),
        });
      });

      it(`uses the ${want.tier} tier and the configured upgrade channels`, () => {
        assert.deepEqual(spec.sku, { name: "Base", tier: want.tier });
        assert.deepEqual(spec.autoUpgradeProfile, { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
      });

      it(`has one inline system pool${want.system.nodeTaints ? " tainted CriticalAddonsOnly" : " without taint"}`, () => {
        assert.equal(spec.agentPoolProfiles.length, 1);
        const system = spec.agentPoolProfiles[0];
        assert.deepEqual(system, {
          name: "system",
          mode: "System",
          vmSize: want.system.vmSize,
          osType: "Linux",
          osSKU: "AzureLinux",
          osDiskType: want.system.osDiskType,
          osDiskSizeGB: want.system.osDiskSizeGB,
          type: "VirtualMachineScaleSets",
          ...(want.zones ? { availabilityZones: want.zones } : {}),
          upgradeSettings: { maxSurge: "33%" },
          tags: spec.tags,
          count: want.system.count,
          enableAutoScaling: false,
          ...(want.system.nodeTaints ? { nodeTaints: want.system.nodeTaints } : {}),
        });
      });

      it(want.user ? `has an autoscaling user pool ${want.user.minCount}-${want.user.maxCount}` : "has no user pool", () => {
        const user = userPoolSpec(cfg.cluster, cfg.azure.tags);
        if (!want.user) return assert.equal(user, undefined);
        assert.deepEqual(user, {
          name: "user",
          mode: "User",
          vmSize: want.user.vmSize,
          osType: "Linux",
          osSKU: "AzureLinux",
          osDiskType: "Ephemeral",
          osDiskSizeGB: want.user.osDiskSizeGB,
          type: "VirtualMachineScaleSets",
          availabilityZones: want.zones,
          upgradeSettings: { maxSurge: "33%" },
          tags: spec.tags,
          count: want.user.minCount,
          enableAutoScaling: true,
          minCount: want.user.minCount,
          maxCount: want.user.maxCount,
        });
      });

      it(`turns Container insights ${want.monitoring ? "on with managed-identity auth" : "off"} and Azure Policy ${want.azurePolicy ? "on" : "off"}`, () => {
        assert.deepEqual(spec.addonProfiles, {
          omsagent: want.monitoring
            ? { enabled: true, config: { logAnalyticsWorkspaceResourceID: refs.logAnalyticsWorkspaceId, useAADAuth: "true" } }
            : { enabled: false },
          azurepolicy: { enabled: want.azurePolicy },
        });
      });
    });
  }
});

describe("generators/aks/managedClusterSpec variants", () => {
  it("keeps local accounts when a development stack allows them", () => {
    const cfg = stackConfig("dev", { allowLocalAccounts: true });
    assert.equal(managedClusterSpec(cfg.cluster, "westeurope", {}, refs).disableLocalAccounts, false);
  });

  it("makes a private cluster with the system private DNS zone and no authorized ranges", () => {
    const cfg = stackConfig("dev", { privateCluster: true });
    assert.deepEqual(managedClusterSpec(cfg.cluster, "westeurope", {}, refs).apiServerAccessProfile, {
      enablePrivateCluster: true,
      privateDNSZone: "system",
    });
  });

  it("taints the system pool as soon as a user pool exists", () => {
    const cfg = stackConfig("dev", { userPool: { enabled: true } });
    assert.deepEqual(systemPoolSpec(cfg.cluster, {}).nodeTaints, [criticalAddonsOnlyTaint]);
    assert.equal(userPoolSpec(cfg.cluster, {})?.enableAutoScaling, true);
  });

  it("passes other upgrade channels through", () => {
    const cfg = stackConfig("prod", { upgradeChannel: "none", nodeOsUpgradeChannel: "SecurityPatch" });
    assert.deepEqual(managedClusterSpec(cfg.cluster, "westeurope", {}, refs).autoUpgradeProfile, {
      upgradeChannel: "none",
      nodeOSUpgradeChannel: "SecurityPatch",
    });
  });

  it("rejects monitoring without a workspace id", () => {
    const cfg = stackConfig("prod");
    const { logAnalyticsWorkspaceId: _omitted, ...withoutWorkspace } = refs;
    assert.throws(
      () => managedClusterSpec(cfg.cluster, "westeurope", {}, withoutWorkspace),
      /cluster aks-prod: monitoring is on but no Log Analytics workspace id was given/,
    );
  });
});

describe("generators/aks/managedClusterSpec dnsPrefixFor", () => {
  const cases: [string, string][] = [
    ["aks-dev", "aks-dev"],
    ["AKS_Prod.01", "aks-prod-01"],
    ["-edge--", "edge"],
    ["a".repeat(60), "a".repeat(54)],
    [`${"a".repeat(53)}-b`, "a".repeat(53)],
  ];
  for (const [name, prefix] of cases) {
    it(`${JSON.stringify(name)} -> ${JSON.stringify(prefix)}`, () => assert.equal(dnsPrefixFor(name), prefix));
  }

  it("rejects a name without letters or digits", () => {
    assert.throws(() => dnsPrefixFor("--"), /cannot derive an AKS dnsPrefix from cluster name "--": it needs at least one letter or digit/);
  });
});
