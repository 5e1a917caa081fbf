import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { unwrapSecrets, type RecordedResource } from "../support/mockMonitor";
import { runProgram, transitiveDependencies, type ProgramRun, type RunOptions } from "../support/programHarness";
import { byoKubeconfig } from "../support/byoKubeconfig";
import { FIXTURE_OPERATOR_INSTALL } from "../support/sharedFluxOperator";

const instanceType = "kubernetes:fluxcd.controlplane.io/v1:FluxInstance";
const repositoryFile = "github:index/repositoryFile:RepositoryFile";
const isClusterObject = (r: RecordedResource) => r.type.startsWith("kubernetes:") && r.custom;

/** Operator mode with the small fixture install.yaml (the harness's Flux fixture is not used: flux.manifests is bootstrap-only). */
const operatorMode =
  (extra: (v: Record<string, any>) => void = () => undefined) =>
  (v: Record<string, any>) => {
    v.flux = { ...v.flux, installMode: "operator", manifests: undefined, operator: { manifests: FIXTURE_OPERATOR_INSTALL } };
    extra(v);
  };

function run(options: Partial<RunOptions> & { mutate: RunOptions["mutate"] }): Promise<ProgramRun> {
  return runProgram({ stack: "dev", ...options });
}

describe("program: flux.installMode operator (under mocks)", () => {
  let aks: ProgramRun;
  before(async () => {
    aks = await run({ mutate: operatorMode() });
    assert.equal(aks.error, undefined, aks.error?.stack);
  });

  it("installs Flux with FluxOperatorInstall, not FluxBootstrap: the operator's Deployment, no Flux controller or sync object", () => {
    const types = aks.resources.map((r) => r.type);
    assert.ok(types.includes("aks-flux-gitops:flux:FluxOperatorInstall"));
    assert.ok(!types.includes("aks-flux-gitops:flux:FluxBootstrap"));
    const deployments = aks.recorder.ofType("kubernetes:apps/v1:Deployment").map((r) => (r.inputs.metadata as any).name);
    assert.deepEqual(deployments, ["flux-operator"]);
    assert.ok(!types.some((t) => /source\.toolkit|kustomize\.toolkit/.test(t)), "the operator creates the GitRepository and Kustomization");
    assert.equal(aks.outputs.fluxInstallMode, "operator");
    assert.match(aks.outputs.nextSteps, /kubectl -n flux-system get fluxinstance flux/);
  });

  it("applies the operator's objects before the FluxInstance, which also waits for the source Secret and the commits", () => {
    const [instance] = aks.recorder.ofType(instanceType);
    assert.ok(instance, "a FluxInstance is applied");
    assert.equal((instance.inputs.metadata as any).name, "flux");
    const before = transitiveDependencies(aks, instance);
    const others = aks.resources.filter(isClusterObject).filter((r) => r !== instance);
    assert.ok(others.length >= 9, `${others.length} objects`);
    for (const r of others) assert.ok(before.has(r.urn), `${r.type} ${r.name} is applied before the FluxInstance`);
    for (const file of aks.recorder.ofType(repositoryFile).filter((f) => String(f.inputs.file).includes("/flux-system/"))) {
      assert.ok(before.has(file.urn), `after the commit of ${file.inputs.file}`);
    }
    const namespace = aks.recorder.ofType("kubernetes:core/v1:Namespace")[0];
    for (const r of others.filter((o) => o !== namespace))
      assert.ok(r.options.dependencies.includes(namespace.urn), `${r.name} waits for the namespace`);
  });

  it("deletes every in-cluster object with the AKS cluster; the operator's CRDs are kept if removed from the plan", () => {
    const cluster = aks.resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster");
    assert.ok(cluster);
    for (const r of aks.resources.filter(isClusterObject)) {
      assert.equal(r.options.deletedWith, cluster.urn, `${r.name} is deletedWith the cluster`);
      assert.equal(r.options.retainOnDelete, r.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", r.name);
    }
  });

  it("commits flux-instance.yaml and its kustomization.yaml (no gotk files), the instance as applied", () => {
    const files = aks.recorder.ofType(repositoryFile).filter((f) => String(f.inputs.file).startsWith("clusters/dev/flux-system/"));
    assert.deepEqual(files.map((f) => f.inputs.file).sort(), [
      "clusters/dev/flux-system/flux-instance.yaml",
      "clusters/dev/flux-system/kustomization.yaml",
    ]);
    const committed = parseAllDocuments(
      String(files.find((f) => String(f.inputs.file).endsWith("flux-instance.yaml"))?.inputs.content),
    ).map((d) => d.toJS());
    const applied = unwrapSecrets(aks.recorder.ofType(instanceType)[0].inputs) as any;
    assert.deepEqual(committed, [applied]);
    assert.equal(applied.spec.cluster.type, "azure");
    assert.equal(applied.spec.sync.pullSecret, "flux-system");
  });

  it("puts the workload identity's client id into the applied and the committed instance", async () => {
    const wi = await run({ mutate: operatorMode((v) => (v.flux.workloadIdentity = { enabled: true })) });
    assert.equal(wi.error, undefined, wi.error?.stack);
    const applied = unwrapSecrets(wi.recorder.ofType(instanceType)[0].inputs) as any;
    assert.match(applied.spec.kustomize.patches[0].patch, /azure\.workload\.identity\/client-id: "flux-identity-client"/);
    const file = wi.recorder.ofType(repositoryFile).find((f) => String(f.inputs.file).endsWith("flux-instance.yaml"));
    assert.match(String(file?.inputs.content), /client-id: "flux-identity-client"/);
  });

  it("on a bring-your-own cluster deletes the objects one by one (the FluxInstance first, so the operator uninstalls Flux), with no uninstall script", async () => {
    const byo = await run({ mutate: operatorMode((v) => (v.cluster = { existingKubeconfig: byoKubeconfig("byo-token") })) });
    assert.equal(byo.error, undefined, byo.error?.stack);
    for (const r of byo.resources.filter(isClusterObject)) assert.equal(r.options.deletedWith, "", r.name);
    assert.equal(byo.recorder.ofType("command:local:Command").length, 0);
    assert.equal((unwrapSecrets(byo.recorder.ofType(instanceType)[0].inputs) as any).spec.cluster.type, "kubernetes");
  });

  describe("switching install modes", () => {
    it("refuses to switch a deployed bootstrap environment to operator mode, before any resource", async () => {
      const switched = await run({
        mutate: operatorMode(),
        mocks: { previousOutputs: { fluxVersion: "v2.9.0", fluxInstallMode: "bootstrap" } },
      });
      assert.equal(switched.error?.constructor.name, "RunError");
      assert.match(
        switched.error?.message ?? "",
        /aks-flux-gitops:flux\.installMode: "operator" differs from the last deployment's install mode \(bootstrap\)/,
      );
      assert.match(switched.error?.message ?? "", /docs\/flux\.md "Switching install modes"/);
      assert.match(
        switched.error?.message ?? "",
        /pulumi destroy -s dev --target 'urn:pulumi:dev::aks-flux-gitops::aks-flux-gitops:flux:FluxBootstrap::flux' --target-dependents/,
      );
      assert.ok(!switched.resources.some(isClusterObject), "nothing applied");
    });

    it("treats a deployment from before the output existed as bootstrap, and refuses operator to bootstrap too", async () => {
      const old = await run({ mutate: operatorMode(), mocks: { previousOutputs: { fluxVersion: "v2.9.0" } } });
      assert.match(old.error?.message ?? "", /differs from the last deployment's install mode \(bootstrap\)/);
      const back = await runProgram({ stack: "dev", mocks: { previousOutputs: { fluxVersion: "v2.9.0", fluxInstallMode: "operator" } } });
      assert.match(
        back.error?.message ?? "",
        /aks-flux-gitops:flux\.installMode: "bootstrap" differs from the last deployment's install mode \(operator\)/,
      );
    });

    it("allows the same mode again, and a switch acknowledged with flux.allowInstallModeSwitch", async () => {
      const same = await run({
        mutate: operatorMode(),
        mocks: { previousOutputs: { fluxVersion: "v2.9.0", fluxInstallMode: "operator" } },
      });
      assert.equal(same.error, undefined);
      const acknowledged = await run({
        mutate: operatorMode((v) => (v.flux.allowInstallModeSwitch = true)),
        mocks: { previousOutputs: { fluxVersion: "v2.9.0", fluxInstallMode: "bootstrap" } },
      });
      assert.equal(acknowledged.error, undefined);
    });

    it("warns when flux.allowInstallModeSwitch is left on after the switch it was for", async () => {
      const warnings: string[] = [];
      const consoleWarn = console.warn;
      console.warn = (message: string) => void warnings.push(String(message));
      try {
        const after = await run({
          mutate: operatorMode((v) => (v.flux.allowInstallModeSwitch = true)),
          mocks: { previousOutputs: { fluxVersion: "v2.9.0", fluxInstallMode: "operator" } },
        });
        assert.equal(after.error, undefined);
      } finally {
        console.warn = consoleWarn;
      }
      assert.ok(
        warnings.some((w) =>
          /flux\.allowInstallModeSwitch is true, but the last deployment already runs install mode operator: remove it/.test(w),
        ),
        warnings.join("\n"),
      );
    });
  });
});
