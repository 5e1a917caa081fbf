import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { byoKubeconfig } from "../support/byoKubeconfig";
import { unwrapSecrets } from "../support/mockMonitor";
import { runProgram, type ProgramRun } from "../support/programHarness";

/** A bring-your-own cluster with `sops.keyVault: false`: the path a newcomer takes with kind, k3d or minikube. */
describe("program: bring-your-own cluster without a Key Vault (no Azure at all)", () => {
  const calls: string[] = [];
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({
      stack: "dev",
      mutate: (v) => {
        delete v.azure;
        v.cluster = { existingKubeconfig: byoKubeconfig("kind-token-123") };
        v.sops = { keyVault: false };
      },
      mocks: { callLog: calls },
    });
    assert.equal(run.error, undefined, run.error?.stack);
  });

  it("registers no Azure resource and no Azure provider", () => {
    const azure = run.resources.filter(
      (r) =>
        r.type.startsWith("azure-native:") || r.type === "pulumi:providers:azure-native" || r.type.startsWith("aks-flux-gitops:azure:"),
    );
    assert.deepEqual(
      azure.map((r) => `${r.type} ${r.name}`),
      [],
    );
  });

  it("makes no Azure invoke (so `pulumi up` needs no `az login`)", () => {
    assert.ok(calls.length > 0, "the GitHub lookups are recorded, so the log works");
    assert.deepEqual(
      calls.filter((token) => token.startsWith("azure-native:")),
      [],
    );
  });

  it("still creates the deploy keys, the age key, the Git files and Flux in the cluster", () => {
    const types = new Set(run.resources.map((r) => r.type));
    for (const type of [
      "github:index/repositoryDeployKey:RepositoryDeployKey",
      "github:index/repositoryFile:RepositoryFile",
      "random:index/randomBytes:RandomBytes",
      "kubernetes:apps/v1:Deployment",
    ]) {
      assert.ok(types.has(type), `has ${type}`);
    }
    const sopsAge = run.resources.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.inputs.metadata as any)?.name === "sops-age");
    assert.ok(sopsAge, "the sops-age Secret");
    assert.match((unwrapSecrets(sopsAge.inputs.stringData) as Record<string, string>)["age.agekey"], /AGE-SECRET-KEY-1/);
  });

  it("writes cluster settings without Azure facts", () => {
    const file = run.resources.find(
      (r) => r.type === "github:index/repositoryFile:RepositoryFile" && r.inputs.file === "clusters/dev/cluster-settings.yaml",
    );
    assert.ok(file);
    const settings = parseAllDocuments(String(file.inputs.content))[0].toJS() as any;
    assert.equal(settings.data.KEY_VAULT_NAME ?? "", "");
    assert.equal(settings.data.AZURE_SUBSCRIPTION_ID ?? "", "");
    assert.match(settings.data.SOPS_AGE_RECIPIENT, /^age1/);
  });

  it("exports the age key only as a secret, with how to back it up, and no Key Vault outputs", () => {
    assert.ok(run.secretOutputs.has("sopsAgeKey"), "sopsAgeKey is a Pulumi secret");
    assert.match(run.outputs.sopsAgeKey, /AGE-SECRET-KEY-1/);
    assert.match(run.outputs.sopsAgeKeyBackup, /pulumi stack output sopsAgeKey --show-secrets -s dev > sops-age-dev\.agekey/);
    assert.doesNotMatch(run.outputs.sopsAgeKeyBackup, /AGE-SECRET-KEY/);
    assert.ok(!run.secretOutputs.has("sopsAgeKeyBackup"));
    assert.ok(!("keyVaultName" in run.outputs) && !("keyVaultSecretId" in run.outputs));
    const plain = Object.entries(run.outputs).filter(([k]) => !run.secretOutputs.has(k));
    assert.doesNotMatch(JSON.stringify(plain), /AGE-SECRET-KEY|kind-token-123/);
  });

  it("rejects the same stack when the kubeconfig is not a secret, before any resource", async () => {
    const plain = await runProgram({
      stack: "dev",
      mutate: (v) => {
        delete v.azure;
        v.cluster = { existingKubeconfig: "not: a kubeconfig" };
        v.sops = { keyVault: false };
      },
      secretKeys: [],
    });
    assert.match(String(plain.error?.message), /aks-flux-gitops:cluster\.existingKubeconfig: <secret> is stored in plain text/);
    assert.match(String(plain.error?.message), /has no current-context/);
    assert.doesNotMatch(String(plain.error?.message), /not: a kubeconfig/);
    assert.deepEqual(
      plain.resources.filter((r) => r.custom),
      [],
    );
  });
});
