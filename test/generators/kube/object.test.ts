import assert from "node:assert/strict";
import { objectId } from "../../../generators/kube/object";

describe("generators/kube/object", () => {
  it("identifies an object as <kind>-<namespace>-<name>, `cluster` for cluster-scoped ones (resource and render file names)", () => {
    assert.equal(
      objectId({ kind: "Deployment", metadata: { name: "source-controller", namespace: "flux-system" } }),
      "deployment-flux-system-source-controller",
    );
    assert.equal(objectId({ kind: "Namespace", metadata: { name: "flux-system" } }), "namespace-cluster-flux-system");
    assert.equal(
      objectId({ kind: "CustomResourceDefinition", metadata: { name: "gitrepositories.source.toolkit.fluxcd.io" } }),
      "customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io",
    );
  });
});
