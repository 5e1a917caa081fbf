import assert from "node:assert/strict";
import { containerInsightsRuleSpec } from "../../../generators/aks/containerInsights";
import { recordComponent } from "../../support/componentHarness";
import type { ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const clusterId = "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod";
const workspaceId = "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.OperationalInsights/workspaces/log-aks-prod";

describe("components/aks/monitoring", () => {
  let recorder: ResourceRecorder;

  before(async () => {
    ({ recorder } = await recordComponent(async () => {
      const random = await import("@pulumi/random");
      const { createContainerInsightsRule, createLogAnalyticsWorkspace } = await import("../../../components/aks/monitoring");
      const parent = new random.RandomId("cluster", { byteLength: 4 });
      const tags = { environment: "prod" };
      createLogAnalyticsWorkspace(
        "cluster",
        { clusterName: "aks-prod", location: "westeurope", resourceGroupName: "rg-prod", tags },
        parent,
      );
      createContainerInsightsRule(
        "cluster",
        { clusterName: "aks-prod", clusterId, location: "westeurope", resourceGroupName: "rg-prod", workspaceId, tags },
        parent,
      );
    }));
  });

  it("creates the cluster's Log Analytics workspace log-<cluster>, pay-as-you-go with the 30 free days of retention", () => {
    const workspace = recorder.get(T.logAnalyticsWorkspace, "cluster-logs");
    assert.equal(workspace.options.parent, recorder.get(T.randomId, "cluster").urn);
    assert.deepEqual(workspace.inputs, {
      workspaceName: "log-aks-prod",
      resourceGroupName: "rg-prod",
      location: "westeurope",
      sku: { name: "PerGB2018" },
      retentionInDays: 30,
      tags: { environment: "prod" },
    });
  });

  it("creates the Container insights data collection rule from its generator, and associates it with the cluster as the portal does", () => {
    const rule = recorder.get(T.dataCollectionRule, "cluster-container-insights");
    const spec = containerInsightsRuleSpec({
      clusterName: "aks-prod",
      location: "westeurope",
      resourceGroupName: "rg-prod",
      workspaceId,
      tags: { environment: "prod" },
    });
    assert.deepEqual(rule.inputs, JSON.parse(JSON.stringify(spec)));
    const association = recorder.get(T.dataCollectionRuleAssociation, "cluster-container-insights-association");
    assert.equal(association.inputs.associationName, "ContainerInsightsExtension");
    assert.equal(association.inputs.resourceUri, clusterId);
    assert.equal(association.inputs.dataCollectionRuleId, "cluster-container-insights-id");
    assert.ok(association.options.dependencies.includes(rule.urn));
    for (const r of [rule, association]) assert.equal(r.options.parent, recorder.get(T.randomId, "cluster").urn);
  });
});
