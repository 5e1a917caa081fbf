import assert from "node:assert/strict";
import { azureRegions, regionHasZones } from "../../config/azureRegions";
import { resolveStackConfig } from "../../config/resolve";

const resolve = (location: string, extra: Record<string, unknown> = {}) =>
  resolveStackConfig({
    project: "aks-flux-gitops",
    stack: "prod",
    cacheDir: "/tmp",
    values: {
      azure: { location },
      github: { owner: "acme", infraRepository: "fleet-infra" },
      cluster: { authorizedIpRanges: ["52.174.0.0/24"] },
      ...extra,
    },
  });

describe("config: availability zones per region (config/azureRegions.ts, the one region table)", () => {
  it("knows zones for the big regions and none for regions without them", () => {
    for (const region of ["westeurope", "northeurope", "eastus", "eastus2", "uksouth", "swedencentral", "australiaeast"])
      assert.ok(regionHasZones(region), region);
    for (const region of ["northcentralus", "westus", "ukwest", "westcentralus", "australiasoutheast", "canadaeast"])
      assert.ok(!regionHasZones(region), region);
  });
  it("classifies every region it accepts", () => {
    assert.ok(azureRegions.size >= 59);
    for (const region of azureRegions) assert.equal(typeof regionHasZones(region), "boolean");
  });
  it("gives the production profile zones 1-3 where the region has them, and none elsewhere", () => {
    assert.deepEqual(resolve("westeurope").cluster.zones, ["1", "2", "3"]);
    assert.deepEqual(resolve("northcentralus").cluster.zones, []);
  });
  it("rejects explicit zones in a region without them, naming the key", () => {
    assert.throws(
      () => resolve("ukwest", { cluster: { zones: ["1"] } }),
      /aks-flux-gitops:cluster\.zones: \["1"\] cannot be used in ukwest: the region has no availability zones/,
    );
  });
});
