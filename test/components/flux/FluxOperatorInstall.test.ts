import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { FluxOperatorInstallArgs } from "../../../components/flux/FluxOperatorInstall";
import type { KubeObject } from "../../../generators/kube/object";
import { githubProvider, recordComponent, usesProvider } from "../../support/componentHarness";
import { isSecretInput, unwrapSecrets, type RecordedResource, type ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";
import { bootstrapArgs, controller, crd, namespace, sourceSecret } from "./fluxBootstrapArgs";

const fluxInstance = "kubernetes:fluxcd.controlplane.io/v1:FluxInstance";
const instance: KubeObject = {
  apiVersion: "fluxcd.controlplane.io/v1",
  kind: "FluxInstance",
  metadata: { name: "flux", namespace: "flux-system" },
  spec: { distribution: { version: "2.x" }, sync: { kind: "GitRepository", path: "clusters/dev", pullSecret: "flux-system" } },
};
const identity = "-----BEGIN PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY-----\n";

describe("components/flux/FluxOperatorInstall", () => {
  let recorder: ResourceRecorder;
  const one = (type: string, name: string) => recorder.get(type, name);
  const objectsOf = (name: string) =>
    recorder.all().filter((r) => r.custom && r.type.startsWith("kubernetes:") && r.name.startsWith(`${name}-`));

  before(async () => {
    ({ recorder } = await recordComponent(async () => {
      const k8s = await import("@pulumi/kubernetes");
      const random = await import("@pulumi/random");
      const { FluxOperatorInstall } = await import("../../../components/flux/FluxOperatorInstall");
      const providers = {
        kubernetes: new k8s.Provider("cluster", { kubeconfig: "apiVersion: v1\nkind: Config\n" }),
        github: await githubProvider(),
      };
      const deployKey = new random.RandomId("deploy-key", { byteLength: 4 });
      const cluster = new random.RandomId("managed-cluster", { byteLength: 4 });
      const base = bootstrapArgs(providers, deployKey, pulumi.secret<Record<string, string>>({ identity }));
      const args = (overrides: Partial<FluxOperatorInstallArgs>): FluxOperatorInstallArgs => ({
        operatorObjects: [namespace, crd, controller],
        instance,
        secrets: base.secrets,
        kubernetesProvider: base.kubernetesProvider,
        commit: base.commit,
        ...overrides,
      });
      const late = pulumi.output("late-client-id").apply((clientId): KubeObject => ({ ...instance, spec: { clientId } }));
      new FluxOperatorInstall("flux", args({ deletedWith: cluster, instanceContent: late }));
      new FluxOperatorInstall("byo", args({}));
    }));
  });

  it("applies the operator's objects and the FluxInstance under the component, with the cluster's provider", () => {
    const component = one("aks-flux-gitops:flux:FluxOperatorInstall", "flux");
    const provider = one(T.kubernetesProvider, "cluster");
    assert.deepEqual(
      objectsOf("flux")
        .map((r) => r.name)
        .sort(),
      [
        "flux-customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io",
        "flux-deployment-flux-system-source-controller",
        "flux-fluxinstance-flux-system-flux",
        "flux-namespace-cluster-flux-system",
        "flux-secret-flux-system-flux-system",
      ],
    );
    for (const object of objectsOf("flux")) {
      assert.equal(object.options.parent, component.urn, object.name);
      assert.ok(usesProvider(object, provider.urn), object.name);
    }
  });

  it("commits the files first, then the Namespace, the CRDs, the operator and the Secrets, and the FluxInstance last", () => {
    const files = recorder.ofType(T.repositoryFile).filter((f) => f.name.startsWith("flux-files-"));
    const ns = one(T.namespace, "flux-namespace-cluster-flux-system");
    const definition = one(T.crd, "flux-customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io");
    const operator = one(T.deployment, "flux-deployment-flux-system-source-controller");
    const secret = one(T.kubernetesSecret, "flux-secret-flux-system-flux-system");
    const fluxInstanceResource = one(fluxInstance, "flux-fluxinstance-flux-system-flux");
    const waitsFor = (r: RecordedResource, ...before: RecordedResource[]) =>
      before.forEach((b) => assert.ok(r.options.dependencies.includes(b.urn), `${r.name} after ${b.name}`));
    waitsFor(ns, ...files);
    waitsFor(definition, ns);
    waitsFor(operator, ns, definition);
    waitsFor(secret, ns, one(T.randomId, "deploy-key"));
    waitsFor(fluxInstanceResource, definition, operator, secret, ...files);
  });

  it("keeps the operator's CRDs on delete (deleting one would delete the instance and uninstall Flux)", () => {
    assert.equal(one(T.crd, "flux-customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io").options.retainOnDelete, true);
    assert.equal(one(fluxInstance, "flux-fluxinstance-flux-system-flux").options.retainOnDelete, false);
  });

  it("waits on delete for the operator's uninstall (up to 10 minutes of its own waits), longer than the provider's default 10m", () => {
    for (const name of ["flux", "byo"])
      assert.equal(one(fluxInstance, `${name}-fluxinstance-flux-system-flux`).options.deleteTimeout, "20m");
    assert.equal(one(T.deployment, "byo-deployment-flux-system-source-controller").options.deleteTimeout, "");
  });

  it("writes the Secrets' values as secrets", () => {
    const secret = one(T.kubernetesSecret, "flux-secret-flux-system-flux-system");
    assert.ok(isSecretInput(secret.inputs.stringData));
    assert.deepEqual(unwrapSecrets(secret.inputs.stringData), { identity });
    assert.deepEqual(secret.inputs.metadata, sourceSecret.metadata);
  });

  it("in AKS deletes everything with the cluster; on a bring-your-own cluster one by one, the FluxInstance before the operator", () => {
    const cluster = one(T.randomId, "managed-cluster").urn;
    for (const object of objectsOf("flux")) assert.equal(object.options.deletedWith, cluster, object.name);
    for (const object of objectsOf("byo")) assert.equal(object.options.deletedWith, "", object.name);
    // Destroy goes against dependencies: the FluxInstance, which waits for the operator, is deleted before it.
    const byoInstance = one(fluxInstance, "byo-fluxinstance-flux-system-flux");
    assert.ok(byoInstance.options.dependencies.includes(one(T.deployment, "byo-deployment-flux-system-source-controller").urn));
  });

  it("applies the FluxInstance's final content when it is known only after deployment", () => {
    assert.deepEqual(one(fluxInstance, "flux-fluxinstance-flux-system-flux").inputs.spec, { clientId: "late-client-id" });
    assert.deepEqual(one(fluxInstance, "byo-fluxinstance-flux-system-flux").inputs.spec, instance.spec);
  });

  it("rejects operator objects that do not start with their Namespace", async () => {
    const { FluxOperatorInstall } = await import("../../../components/flux/FluxOperatorInstall");
    const k8s = await import("@pulumi/kubernetes");
    const github = await import("@pulumi/github");
    const random = await import("@pulumi/random");
    const providers = { kubernetes: new k8s.Provider("other", { kubeconfig: "x" }), github: new github.Provider("other-github", {}) };
    const base = bootstrapArgs(providers, new random.RandomId("k", { byteLength: 4 }), pulumi.output<Record<string, string>>({}));
    assert.throws(
      () =>
        new FluxOperatorInstall("wrong", {
          operatorObjects: [controller, namespace],
          instance,
          secrets: [],
          kubernetesProvider: base.kubernetesProvider,
          commit: base.commit,
        }),
      /the Flux Operator's objects must start with their Namespace/,
    );
  });
});
