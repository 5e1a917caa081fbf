import assert from "node:assert/strict";
import {
  kubernetesVersionProblems,
  oldestCommunitySupportedMinor,
  type KubernetesVersionChoice,
} from "../../../generators/aks/kubernetesVersions";

const base: KubernetesVersionChoice = { upgradeChannel: "patch", skuTier: "Standard", supportPlan: "KubernetesOfficial" };
const keys = (choice: Partial<KubernetesVersionChoice>) => kubernetesVersionProblems({ ...base, ...choice }).map((p) => p.key);

describe("generators/aks/kubernetesVersions: what AKS accepts (AKS release calendar: 1.33 end of life July 2026)", () => {
  it("accepts no pinned version: AKS creates the cluster with the region's default", () => assert.deepEqual(keys({}), []));

  it(`accepts a supported minor (1.${oldestCommunitySupportedMinor} and newer) with any channel`, () => {
    for (const upgradeChannel of ["none", "patch", "node-image"] as const) {
      assert.deepEqual(keys({ kubernetesVersion: "1.34", upgradeChannel }), []);
      assert.deepEqual(keys({ kubernetesVersion: "1.36", upgradeChannel }), []);
    }
  });

  it("rejects 1.33 and older without long-term support", () => {
    assert.deepEqual(keys({ kubernetesVersion: "1.33" }), ["kubernetesVersion"]);
    assert.deepEqual(keys({ kubernetesVersion: "1.30" }), ["kubernetesVersion"]);
  });

  it("accepts an older minor with the Premium tier and the AKSLongTermSupport plan (Azure decides the rest)", () => {
    assert.deepEqual(keys({ kubernetesVersion: "1.33", skuTier: "Premium", supportPlan: "AKSLongTermSupport" }), []);
  });

  it("rejects long-term support without the Premium tier", () => {
    assert.deepEqual(keys({ supportPlan: "AKSLongTermSupport", skuTier: "Standard" }), ["supportPlan"]);
  });

  it("accepts a pinned patch only with channel none", () => {
    assert.deepEqual(keys({ kubernetesVersion: "1.34.3", upgradeChannel: "none" }), []);
    assert.deepEqual(keys({ kubernetesVersion: "1.34.3", upgradeChannel: "patch" }), ["kubernetesVersion"]);
    assert.deepEqual(keys({ kubernetesVersion: "1.34.3", upgradeChannel: "node-image" }), ["kubernetesVersion"]);
  });
});
