import * as assert from "node:assert/strict";
import { subscriptionIdOf } from "../../../generators/aks/resourceIds";

describe("generators/aks/resourceIds subscriptionIdOf", () => {
  it("reads the subscription of a resource id", () => {
    assert.equal(
      subscriptionIdOf(
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-dev",
      ),
      "0b1f6471-1bf0-4dda-aec3-111122223333",
    );
  });

  it("rejects something that is not a resource id", () => {
    assert.throws(() => subscriptionIdOf("aks-dev"), /not an Azure resource id \(expected \/subscriptions\/<id>\/...\): "aks-dev"/);
  });
});
