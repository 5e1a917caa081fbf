import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { objectId, type KubeObject } from "../../../generators/kube/object";
import { githubProvider, recordComponent, usesProvider } from "../../support/componentHarness";
import { isSecretInput, unwrapSecrets, type RecordedResource, type ResourceRecorder } from "../../support/mockMonitor";
import { bootstrapArgs, controller, crd, gitRepository, kustomization, namespace } from "./fluxBootstrapArgs";
import { types as T } from "../../support/resourceTypes";

const clusterTypes: string[] = [T.namespace, T.crd, T.deployment, T.kubernetesSecret, T.gitRepository, T.kustomization];
const identity = "-----BEGIN PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY-----\n";

describe("components/flux/FluxBootstrap", () => {
  let recorder: ResourceRecorder;
  const objectsOf = (name: string) => recorder.all().filter((r) => clusterTypes.includes(r.type) && r.name.startsWith(`${name}-`));
  const one = (type: string, name: string) => recorder.get(type, name);

  before(async () => {
    ({ recorder } = await recordComponent(async () => {
      const k8s = await import("@pulumi/kubernetes");
      const random = await import("@pulumi/random");
      const { FluxBootstrap } = await import("../../../components/flux/FluxBootstrap");
      const providers = {
        kubernetes: new k8s.Provider("cluster", { kubeconfig: "apiVersion: v1\nkind: Config\n" }),
        github: await githubProvider(),
      };
      const deployKey = new random.RandomId("deploy-key", { byteLength: 4 });
      const cluster = new random.RandomId("managed-cluster", { byteLength: 4 });
      const stringData = pulumi.secret<Record<string, string>>({ identity });
      const late = { ...gitRepository, spec: { url: "ssh://git@github.com/acme-platform/known-after-deploy" } };
      new FluxBootstrap(
        "flux",
        bootstrapArgs(providers, deployKey, stringData, {
          deletedWith: cluster,
          deployTimeContent: {
            objects: pulumi.output<readonly KubeObject[]>([namespace, crd, controller, late, kustomization]),
            ids: new Set([objectId(gitRepository)]),
          },
        }),
      );
      new FluxBootstrap(
        "byo",
        bootstrapArgs(providers, deployKey, stringData, { uninstallWithKubeconfig: pulumi.output("kubeconfig-text") }),
      );
      new FluxBootstrap("pruned", bootstrapArgs(providers, deployKey, stringData, { deletedWith: cluster, pruneCrdsOnRemoval: true }));
    }));
  });

  it("applies every object as `<name>-<kind>-<namespace>-<name>` with the cluster's provider, under the component", () => {
    const component = one(T.fluxBootstrap, "flux");
    const provider = one(T.kubernetesProvider, "cluster");
    const names = objectsOf("flux").map((r) => r.name);
    assert.deepEqual(names.sort(), [
      "flux-customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io",
      "flux-deployment-flux-system-source-controller",
      "flux-gitrepository-flux-system-flux-system",
      "flux-kustomization-flux-system-flux-system",
      "flux-namespace-cluster-flux-system",
      "flux-secret-flux-system-flux-system",
    ]);
    for (const object of objectsOf("flux")) {
      assert.equal(object.options.parent, component.urn, object.name);
      assert.ok(usesProvider(object, provider.urn), object.name);
    }
  });

  it("commits Flux's files before it applies anything (Git first, then the cluster)", () => {
    const files = recorder.ofType(T.repositoryFile).filter((f) => f.name.startsWith("flux-files-"));
    assert.equal(files.length, 3);
    const waitsForFiles = (r: RecordedResource) => files.every((f) => r.options.dependencies.includes(f.urn));
    assert.ok(waitsForFiles(one(T.namespace, "flux-namespace-cluster-flux-system")));
    assert.ok(waitsForFiles(one(T.gitRepository, "flux-gitrepository-flux-system-flux-system")));
  });

  it("applies the CRDs, controllers and Secrets after the Namespace, and the sync objects after all of them", () => {
    const ns = one(T.namespace, "flux-namespace-cluster-flux-system").urn;
    const crd = one(T.crd, "flux-customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io");
    const deployment = one(T.deployment, "flux-deployment-flux-system-source-controller");
    const secret = one(T.kubernetesSecret, "flux-secret-flux-system-flux-system");
    for (const r of [crd, deployment, secret]) assert.ok(r.options.dependencies.includes(ns), r.name);
    for (const sync of [
      one(T.gitRepository, "flux-gitrepository-flux-system-flux-system"),
      one(T.kustomization, "flux-kustomization-flux-system-flux-system"),
    ]) {
      for (const before of [crd, deployment, secret])
        assert.ok(sync.options.dependencies.includes(before.urn), `${sync.name} after ${before.name}`);
    }
  });

  it("writes a Secret's values as a secret, after the resources it waits for (its deploy key)", () => {
    const secret = one(T.kubernetesSecret, "flux-secret-flux-system-flux-system");
    assert.ok(isSecretInput(secret.inputs.stringData));
    assert.deepEqual(unwrapSecrets(secret.inputs.stringData), { identity });
    assert.deepEqual(secret.inputs.metadata, { name: "flux-system", namespace: "flux-system" });
    assert.ok(secret.options.dependencies.includes(one(T.randomId, "deploy-key").urn));
  });

  it("in AKS: deletes every in-cluster object with the cluster, keeps the CRDs on removal, and applies late content where the plan says", () => {
    const cluster = one(T.randomId, "managed-cluster").urn;
    for (const object of objectsOf("flux")) assert.equal(object.options.deletedWith, cluster, object.name);
    assert.equal(one(T.crd, "flux-customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io").options.retainOnDelete, true);
    assert.equal(one(T.deployment, "flux-deployment-flux-system-source-controller").options.retainOnDelete, false);
    assert.deepEqual(one(T.gitRepository, "flux-gitrepository-flux-system-flux-system").inputs.spec, {
      url: "ssh://git@github.com/acme-platform/known-after-deploy",
    });
    assert.deepEqual(one(T.deployment, "flux-deployment-flux-system-source-controller").inputs.spec, { replicas: 1 });
    assert.equal(recorder.find(T.command, "flux-uninstall-on-destroy"), undefined);
  });

  it("in a bring-your-own cluster: keeps every object on delete and uninstalls Flux with the secret kubeconfig after the sync objects and commits", () => {
    for (const object of objectsOf("byo")) {
      assert.equal(object.options.retainOnDelete, true, object.name);
      assert.equal(object.options.deletedWith, "", object.name);
    }
    const uninstall = one(T.command, "byo-uninstall-on-destroy");
    assert.match(String(uninstall.inputs.delete), /app\.kubernetes\.io\/instance=flux-system/);
    assert.deepEqual(uninstall.inputs.interpreter, ["/bin/bash", "-c"]);
    const environment = uninstall.inputs.environment as Record<string, unknown>;
    assert.ok(isSecretInput(environment.KUBECONFIG_CONTENT) || isSecretInput(environment));
    assert.deepEqual(unwrapSecrets(environment), { KUBECONFIG_CONTENT: "kubeconfig-text" });
    assert.ok(uninstall.options.dependencies.includes(one(T.kustomization, "byo-kustomization-flux-system-flux-system").urn));
    assert.ok(uninstall.options.additionalSecretOutputs.includes("stdout"));
  });

  it("deletes the CRDs of a removed component only when pruneCrdsOnRemoval asks for it", () => {
    const crd = "customresourcedefinition-cluster-gitrepositories.source.toolkit.fluxcd.io";
    assert.equal(one(T.crd, `pruned-${crd}`).options.retainOnDelete, false);
    assert.equal(one(T.crd, `flux-${crd}`).options.retainOnDelete, true);
  });

  it("rejects components that do not start with their Namespace", async () => {
    const { FluxBootstrap } = await import("../../../components/flux/FluxBootstrap");
    const k8s = await import("@pulumi/kubernetes");
    const github = await import("@pulumi/github");
    const random = await import("@pulumi/random");
    const providers = { kubernetes: new k8s.Provider("other", { kubeconfig: "x" }), github: new github.Provider("other-github", {}) };
    const args = bootstrapArgs(providers, new random.RandomId("k", { byteLength: 4 }), pulumi.output<Record<string, string>>({}), {
      componentObjects: [controller, namespace],
    });
    assert.throws(() => new FluxBootstrap("wrong", args), /Flux components must start with their Namespace/);
  });
});
