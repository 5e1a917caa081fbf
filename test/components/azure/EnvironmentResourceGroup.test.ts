import assert from "node:assert/strict";
import { recordComponent } from "../../support/componentHarness";
import { mockClient } from "../../support/programMocks";
import { valueOf } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const groupId = (name: string) => `/subscriptions/${mockClient.subscriptionId}/resourceGroups/${name}`;

describe("components/azure/EnvironmentResourceGroup", () => {
  it("creates the environment's group `<name>-group` under it, with the location and tags", async () => {
    const { recorder, value: group } = await recordComponent(async () => {
      const { EnvironmentResourceGroup } = await import("../../../components/azure/EnvironmentResourceGroup");
      return new EnvironmentResourceGroup("environment", {
        name: "rg-aks-flux-gitops-dev",
        location: "westeurope",
        existing: false,
        tags: { environment: "dev", "managed-by": "pulumi" },
      });
    });
    const created = recorder.get(T.resourceGroup, "environment-group");
    assert.equal(created.options.parent, recorder.get(T.environmentResourceGroup, "environment").urn);
    assert.deepEqual(created.inputs, {
      resourceGroupName: "rg-aks-flux-gitops-dev",
      location: "westeurope",
      tags: { environment: "dev", "managed-by": "pulumi" },
    });
    assert.equal(await valueOf(group.name), "rg-aks-flux-gitops-dev");
    assert.equal(await valueOf(group.id), groupId("rg-aks-flux-gitops-dev"));
  });

  it("references an existing group by name: no resource of its own (nothing to delete on destroy), its name and id looked up", async () => {
    const calls: string[] = [];
    const { recorder, value: group } = await recordComponent(
      async () => {
        const { EnvironmentResourceGroup } = await import("../../../components/azure/EnvironmentResourceGroup");
        return new EnvironmentResourceGroup("environment", { name: "rg-shared", location: "westeurope", existing: true, tags: {} });
      },
      { callLog: calls },
    );
    assert.equal(await valueOf(group.id), groupId("rg-shared"));
    assert.equal(await valueOf(group.name), "rg-shared");
    assert.deepEqual(recorder.ofType(T.resourceGroup), []);
    assert.deepEqual(calls, ["azure-native:resources:getResourceGroup"]);
  });
});
