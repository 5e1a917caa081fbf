import * as assert from "node:assert/strict";
import { containerInsightsRuleSpec, dataCollectionRuleName } from "../../../generators/aks/containerInsights";

describe("generators/aks/containerInsights", () => {
  it("names the rule MSCI-<location>-<cluster> as the portal does, at most 64 characters", () => {
    assert.equal(dataCollectionRuleName("westeurope", "aks-prod"), "MSCI-westeurope-aks-prod");
    assert.equal(dataCollectionRuleName("West Europe", "aks-prod"), "MSCI-WestEurope-aks-prod");
    assert.equal(dataCollectionRuleName("westeurope", "a".repeat(80)).length, 64);
  });

  it("routes the ContainerInsights extension's default stream group to the workspace", () => {
    const spec = containerInsightsRuleSpec({
      clusterName: "aks-prod",
      location: "westeurope",
      resourceGroupName: "rg",
      workspaceId: "/ws",
      tags: { environment: "prod" },
    });
    assert.equal(spec.kind, "Linux");
    assert.deepEqual(spec.dataSources.extensions, [
      {
        name: "ContainerInsightsExtension",
        extensionName: "ContainerInsights",
        streams: ["Microsoft-ContainerInsights-Group-Default"],
        extensionSettings: { dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true } },
      },
    ]);
    assert.deepEqual(spec.destinations, { logAnalytics: [{ name: "ciworkspace", workspaceResourceId: "/ws" }] });
    assert.deepEqual(spec.dataFlows, [{ streams: ["Microsoft-ContainerInsights-Group-Default"], destinations: ["ciworkspace"] }]);
    assert.deepEqual(spec.tags, { environment: "prod" });
  });
});
