import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { kubernetesTypeToken } from "../../../components/flux/KubernetesObject";
import type { KubeObject } from "../../../generators/kube/object";
import { recordComponent } from "../../support/componentHarness";

const configMap: KubeObject = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "cluster-settings", namespace: "flux-system" },
  data: { tenantId: "<unknown until deploy: azure tenant id>" },
};
const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "source-controller", namespace: "flux-system" },
  spec: { replicas: 1 },
};

describe("components/flux/KubernetesObject", () => {
  it("gives each object the Kubernetes provider's own type token, the core group as core/v1", () => {
    assert.equal(kubernetesTypeToken(configMap), "kubernetes:core/v1:ConfigMap");
    assert.equal(kubernetesTypeToken(deployment), "kubernetes:apps/v1:Deployment");
    assert.equal(
      kubernetesTypeToken({ apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository" }),
      "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
    );
  });

  it("registers the object's fields as its inputs, or the final content known after deployment in their place", async () => {
    const { recorder } = await recordComponent(async () => {
      const { KubernetesObject } = await import("../../../components/flux/KubernetesObject");
      new KubernetesObject("flux-deployment", deployment, {});
      const final = pulumi
        .output("12345678-9abc-4def-8012-3456789abcde")
        .apply((tenantId): KubeObject => ({ ...configMap, data: { tenantId } }));
      new KubernetesObject("flux-settings", configMap, { retainOnDelete: true }, final);
    });
    assert.deepEqual(recorder.get("kubernetes:apps/v1:Deployment", "flux-deployment").inputs, deployment);
    const settings = recorder.get("kubernetes:core/v1:ConfigMap", "flux-settings");
    assert.deepEqual(settings.inputs, { ...configMap, data: { tenantId: "12345678-9abc-4def-8012-3456789abcde" } });
    assert.equal(settings.options.retainOnDelete, true, "options pass through");
  });
});
