import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { AgentPoolSpec } from "../../../generators/aks/managedClusterSpec";
import { kubernetesUpgradeScript, systemPoolScript } from "../../../generators/aks/poolScripts";
import { recordComponent } from "../../support/componentHarness";
import { isSecretInput, unwrapSecrets, type ResourceRecorder } from "../../support/mockMonitor";

const command = "command:local:Command";
const systemPool: AgentPoolSpec = {
  name: "system",
  mode: "System",
  vmSize: "Standard_D4ads_v5",
  osType: "Linux",
  osSKU: "AzureLinux",
  osDiskType: "Ephemeral",
  type: "VirtualMachineScaleSets",
  availabilityZones: ["1", "2", "3"],
  count: 3,
  enableAutoScaling: false,
  nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
  upgradeSettings: { maxSurge: "33%" },
  tags: {},
};
const clusterId = "/subscriptions/s/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev";

/** The scripts themselves run against fake az and kubectl in test/generators/aks/clusterScripts.test.ts; here, how they are wired. */
describe("components/aks/clusterCommands", () => {
  let recorder: ResourceRecorder;

  before(async () => {
    ({ recorder } = await recordComponent(async () => {
      const { kubernetesUpgrade, rbacReady, systemPoolSync } = await import("../../../components/aks/clusterCommands");
      const random = await import("@pulumi/random");
      const parent = new random.RandomId("cluster", { byteLength: 4 });
      kubernetesUpgrade("cluster", clusterId, "1.34", { parent });
      kubernetesUpgrade("regional", clusterId, undefined, {});
      systemPoolSync("cluster", clusterId, systemPool, {});
      rbacReady("cluster", "aks-dev", "uid-aks-dev", pulumi.output("kubeconfig-text"), { parent });
    }));
  });

  it("upgrades Kubernetes with az aks when cluster.kubernetesVersion changes, and only then", () => {
    const upgrade = recorder.get(command, "cluster-kubernetes-version");
    assert.equal(upgrade.options.parent, recorder.get("random:index/randomId:RandomId", "cluster").urn);
    assert.deepEqual([upgrade.inputs.create, upgrade.inputs.update], [kubernetesUpgradeScript(), kubernetesUpgradeScript()]);
    assert.deepEqual(upgrade.inputs.environment, { CLUSTER_ID: clusterId, KUBERNETES_VERSION: "1.34" });
    assert.deepEqual(upgrade.inputs.triggers, ["1.34"]);
    assert.deepEqual(
      recorder.get(command, "regional-kubernetes-version").inputs.triggers,
      [""],
      "no version: AKS's default, an empty trigger",
    );
  });

  it("syncs the inline system pool through per-pool operations, a no-op on create, triggered by any of its values", () => {
    const sync = recorder.get(command, "cluster-system-pool");
    const want = {
      WANT_VM_SIZE: "Standard_D4ads_v5",
      WANT_COUNT: "3",
      WANT_ZONES: "1,2,3",
      WANT_TAINTS: "CriticalAddonsOnly=true:NoSchedule",
    };
    assert.equal(sync.inputs.create, 'echo "system pool created inline: Standard_D4ads_v5 x 3"');
    assert.equal(sync.inputs.update, systemPoolScript());
    assert.deepEqual(sync.inputs.environment, { ...want, POOL_ID: `${clusterId}/agentPools/system` });
    assert.deepEqual(sync.inputs.triggers, [want]);
  });

  it("waits for Azure RBAC with the kubeconfig as a secret, once per cluster (keyed to its resource UID), its output kept secret", () => {
    const wait = recorder.get(command, "cluster-rbac-ready");
    assert.match(String(wait.inputs.create), /kubectl/);
    assert.match(String(wait.inputs.create), /aks-dev/);
    const environment = wait.inputs.environment as Record<string, unknown>;
    assert.ok(isSecretInput(environment) || isSecretInput(environment.KUBECONFIG_CONTENT));
    assert.deepEqual(unwrapSecrets(environment), { KUBECONFIG_CONTENT: "kubeconfig-text" });
    assert.deepEqual(wait.inputs.triggers, ["uid-aks-dev"]);
    assert.ok(wait.options.additionalSecretOutputs.includes("stdout") && wait.options.additionalSecretOutputs.includes("stderr"));
  });
});
