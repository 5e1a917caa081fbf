import * as assert from "node:assert/strict";
import { ephemeralCapacityGiB, osDiskFor, vmLocalStorage } from "../../../generators/aks/ephemeralOsDisk";

describe("generators/aks/ephemeralOsDisk osDiskFor", () => {
  const cases: { vmSize: string; expected: ReturnType<typeof osDiskFor>; why: string }[] = [
    {
      vmSize: "Standard_D2ads_v5",
      expected: { osDiskType: "Ephemeral", osDiskSizeGB: 75 },
      why: "dev system pool: the whole 75 GiB temp disk",
    },
    {
      vmSize: "Standard_D4ads_v5",
      expected: { osDiskType: "Ephemeral", osDiskSizeGB: 128 },
      why: "150 GiB temp disk holds the preferred 128 GiB",
    },
    { vmSize: "Standard_D8ads_v5", expected: { osDiskType: "Ephemeral", osDiskSizeGB: 128 }, why: "prod user pool" },
    { vmSize: "Standard_DS2_v2", expected: { osDiskType: "Ephemeral", osDiskSizeGB: 86 }, why: "86 GiB cache (AKS docs' example)" },
    { vmSize: "Standard_D8s_v3", expected: { osDiskType: "Ephemeral", osDiskSizeGB: 128 }, why: "200 GiB cache (AKS docs' example)" },
    {
      vmSize: "Standard_E2bds_v5",
      expected: { osDiskType: "Ephemeral", osDiskSizeGB: 75 },
      why: "75 GiB temp storage (AKS docs' example)",
    },
    { vmSize: "Standard_D2s_v3", expected: { osDiskType: "Managed" }, why: "50 GiB cache is below the 64 GiB floor" },
    { vmSize: "Standard_D4s_v5", expected: { osDiskType: "Managed" }, why: "no local disk" },
    { vmSize: "Standard_D4ads_v6", expected: { osDiskType: "Managed" }, why: "not in the table: AKS sizes a managed disk" },
    { vmSize: "standard_d4ads_V5", expected: { osDiskType: "Ephemeral", osDiskSizeGB: 128 }, why: "VM size names are case-insensitive" },
  ];
  for (const c of cases) {
    it(`${c.vmSize} -> ${c.expected.osDiskType}${c.expected.osDiskSizeGB ? ` ${c.expected.osDiskSizeGB} GiB` : ""} (${c.why})`, () => {
      assert.deepEqual(osDiskFor(c.vmSize), c.expected);
    });
  }

  it("never asks for an ephemeral disk larger than the local storage of any listed size", () => {
    for (const [vmSize, storage] of Object.entries(vmLocalStorage)) {
      const choice = osDiskFor(vmSize);
      if (choice.osDiskType === "Ephemeral") assert.ok((choice.osDiskSizeGB ?? Infinity) <= ephemeralCapacityGiB(storage), vmSize);
    }
  });

  it("uses the cache when the size has one, else the temp disk", () => {
    assert.equal(ephemeralCapacityGiB({ cacheGiB: 86, tempGiB: 14 }), 86);
    assert.equal(ephemeralCapacityGiB({ cacheGiB: 0, tempGiB: 300 }), 300);
  });

  it("takes an injected table", () => {
    assert.deepEqual(osDiskFor("Custom_X", { Custom_X: { cacheGiB: 0, tempGiB: 100 } }), { osDiskType: "Ephemeral", osDiskSizeGB: 100 });
  });
});
