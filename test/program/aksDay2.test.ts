import assert from "node:assert/strict";
import { valuesFromStackFile } from "../../config/sources";
import type { RecordedResource } from "../support/mockMonitor";
import { projectRoot, runProgram, runShippedStack, type ProgramRun } from "../support/programHarness";
import { mockClient } from "../support/programMocks";

const T = {
  cluster: "azure-native:containerservice:ManagedCluster",
  userPool: "azure-native:containerservice:AgentPool",
  vault: "azure-native:keyvault:Vault",
  secret: "azure-native:keyvault:Secret",
  seed: "random:index/randomBytes:RandomBytes",
  assignment: "azure-native:authorization:RoleAssignment",
  command: "command:local:Command",
  provider: "pulumi:providers:kubernetes",
  crd: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
};
const officerRole = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
const deployersOf = (stack: string): string[] =>
  (valuesFromStackFile(`${projectRoot}/Pulumi.${stack}.yaml`).azure as { deployerObjectIds: string[] }).deployerObjectIds;
const one = (run: ProgramRun, type: string, name?: string): RecordedResource => {
  const found = run.recorder.ofType(type).filter((r) => name === undefined || r.name === name);
  assert.equal(found.length, 1, `one ${type} ${name ?? ""}`);
  return found[0];
};

describe("program: AKS day 1 and day 2 (issue 13)", () => {
  for (const stack of ["dev", "prod"]) {
    describe(stack, () => {
      it("leaves the Kubernetes version to AKS (region default) and ignores AKS's own patches on the cluster and every pool", async () => {
        const run = await runShippedStack(stack);
        const cluster = one(run, T.cluster);
        assert.equal(cluster.inputs.kubernetesVersion, undefined);
        assert.deepEqual(cluster.options.ignoreChanges, ["agentPoolProfiles", "kubernetesVersion"]);
        for (const pool of run.recorder.ofType(T.userPool))
          assert.ok(pool.options.ignoreChanges.includes("orchestratorVersion"), pool.name);
        const upgrade = one(run, T.command, "cluster-kubernetes-version");
        assert.deepEqual((upgrade.inputs.environment as Record<string, string>).KUBERNETES_VERSION, "");
      });

      it("puts no input on any resource that comes from the caller's identity (getClientConfig().objectId)", async () => {
        const run = await runShippedStack(stack);
        for (const r of run.resources)
          assert.doesNotMatch(JSON.stringify(r.inputs), new RegExp(mockClient.objectId), `${r.type} ${r.name}`);
        const admins = run.recorder.ofType(T.assignment).filter((a) => String(a.inputs.scope).includes("managedClusters"));
        assert.deepEqual(admins.map((a) => a.inputs.principalId).sort(), [...deployersOf(stack)].sort());
      });

      it("makes the Key Vault secret depend on every deployer's Secrets Officer assignment (destroy deletes the secret first)", async () => {
        const run = await runShippedStack(stack);
        const officers = run.recorder.ofType(T.assignment).filter((a) => String(a.inputs.roleDefinitionId).endsWith(officerRole));
        assert.equal(officers.length, deployersOf(stack).length);
        const secret = one(run, T.secret);
        for (const officer of officers)
          assert.ok(secret.options.dependencies.includes(officer.urn), `${secret.name} depends on ${officer.name}`);
      });

      it("waits for Azure RBAC to reach the API server before the Kubernetes provider, and Flux uses that provider", async () => {
        const run = await runShippedStack(stack);
        const wait = one(run, T.command, "cluster-rbac-ready");
        const admins = run.recorder.ofType(T.assignment).filter((a) => String(a.inputs.scope).includes("managedClusters"));
        for (const a of admins) assert.ok(wait.options.dependencies.includes(a.urn), `the wait follows ${a.name}`);
        const provider = one(run, T.provider, "cluster-provider");
        assert.ok(provider.options.dependencies.includes(wait.urn));
        const namespace = run.recorder.ofType("kubernetes:core/v1:Namespace")[0];
        assert.ok(namespace.options.provider.startsWith(provider.urn), "the Flux namespace is created through the provider that waited");
      });

      it("retains Flux's CRDs when a component is removed (no cascade delete of its objects)", async () => {
        const run = await runShippedStack(stack);
        const crds = run.recorder.ofType(T.crd);
        assert.ok(crds.length >= 4, `${crds.length} CRDs`);
        for (const crd of crds) assert.equal(crd.options.retainOnDelete, true, crd.name);
      });
    });
  }

  describe("prod: protected and in order", () => {
    it("protects the cluster, the vault and every age key seed", async () => {
      const run = await runShippedStack("prod");
      for (const r of [one(run, T.cluster), one(run, T.vault), ...run.recorder.ofType(T.seed)])
        assert.equal(r.options.protect, true, `${r.type} ${r.name}`);
    });

    it("registers the Kubernetes provider (so Flux) after the user pool: the system pool is tainted CriticalAddonsOnly", async () => {
      const run = await runShippedStack("prod");
      const pool = one(run, T.userPool, "cluster-user-pool");
      assert.ok(one(run, T.provider, "cluster-provider").options.dependencies.includes(pool.urn));
    });

    it("lifts protection with protect: false (the destroy runbook, docs/aks.md)", async () => {
      const run = await runProgram({ stack: "prod", mutate: (v) => (v.protect = false) });
      assert.equal(run.error, undefined);
      for (const r of run.resources) assert.equal(r.options.protect, false, `${r.type} ${r.name}`);
    });
  });

  describe("dev", () => {
    it("protects nothing, so a development environment can be destroyed and re-created", async () => {
      const run = await runShippedStack("dev");
      for (const r of run.resources) assert.equal(r.options.protect, false, `${r.type} ${r.name}`);
    });
  });

  describe("pool and version changes take the supported path", () => {
    it("turning the user pool on later asks the per-pool sync to taint the system pool; the inline profile is never updated", async () => {
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.cluster.userPool = { enabled: true }) });
      assert.equal(run.error, undefined);
      const sync = one(run, T.command, "cluster-system-pool");
      assert.equal((sync.inputs.environment as Record<string, string>).WANT_TAINTS, "CriticalAddonsOnly=true:NoSchedule");
      assert.match(String(sync.inputs.update), /az aks nodepool update --ids "\$POOL_ID" --node-taints "\$WANT_TAINTS"/);
      assert.ok(sync.options.dependencies.includes(one(run, T.userPool).urn), "the taint comes after the user pool exists");
      assert.ok(one(run, T.cluster).options.ignoreChanges.includes("agentPoolProfiles"));
    });

    it("a system pool VM size change reaches only the sync command's trigger, which refuses it with the procedure", async () => {
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.cluster.systemPool.vmSize = "Standard_D4ads_v5") });
      const sync = one(run, T.command, "cluster-system-pool");
      assert.deepEqual((sync.inputs.triggers as Record<string, string>[])[0].WANT_VM_SIZE, "Standard_D4ads_v5");
      assert.match(String(sync.inputs.update), /AKS cannot change the VM size or zones of an existing pool/);
    });

    it("a minor version upgrade runs az aks upgrade through the version command's trigger", async () => {
      const run = await runProgram({ stack: "prod", mutate: (v) => (v.cluster.kubernetesVersion = "1.35") });
      assert.equal(run.error, undefined);
      const upgrade = one(run, T.command, "cluster-kubernetes-version");
      assert.deepEqual(upgrade.inputs.triggers, ["1.35"]);
      assert.match(String(upgrade.inputs.update), /az aks upgrade --ids "\$CLUSTER_ID" --kubernetes-version "\$KUBERNETES_VERSION"/);
      assert.equal(one(run, T.cluster).inputs.kubernetesVersion, "1.35", "a new cluster is created at the pinned version");
    });

    it("deletes CRDs with their component only when flux.pruneCrdsOnRemoval says so", async () => {
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.flux.pruneCrdsOnRemoval = true) });
      for (const crd of run.recorder.ofType(T.crd)) assert.equal(crd.options.retainOnDelete, false, crd.name);
    });

    it("recovers a soft-deleted vault of the same name when sops.recoverSoftDeletedVault is set, and ignores the flag afterwards", async () => {
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.sops.recoverSoftDeletedVault = true) });
      const vault = one(run, T.vault);
      assert.equal((vault.inputs.properties as Record<string, unknown>).createMode, "recover");
      assert.deepEqual(vault.options.ignoreChanges, ["properties.createMode"]);
    });
  });
});
