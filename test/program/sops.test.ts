import assert from "node:assert/strict";
import { parse } from "yaml";
import { ageRecipientOf } from "../../generators/sops/ageKey";
import { isSecretInput, unwrapSecrets, type RecordedResource } from "../support/mockMonitor";
import { runProgram, runShippedStack, type ProgramRun } from "../support/programHarness";
import { valuesFromStackFile } from "../../config/sources";
import { mockClient } from "../support/programMocks";
import { projectRoot } from "../support/programHarness";

const roleAssignment = "azure-native:authorization:RoleAssignment";
const repositoryFile = "github:index/repositoryFile:RepositoryFile";
const expectedVault = {
  dev: { purge: undefined, retention: 7 },
  staging: { purge: true, retention: 30 },
  prod: { purge: true, retention: 90 },
} as const;

const deployersOf = (stack: string): string[] =>
  (valuesFromStackFile(`${projectRoot}/Pulumi.${stack}.yaml`).azure as { deployerObjectIds: string[] }).deployerObjectIds;

function sopsAgeSecret(run: ProgramRun): RecordedResource {
  const found = run.recorder.ofType("kubernetes:core/v1:Secret").find((r) => (r.inputs.metadata as { name: string }).name === "sops-age");
  assert.ok(found);
  return found;
}

function committed(run: ProgramRun, file: string): string {
  const found = run.recorder.ofType(repositoryFile).find((r) => r.inputs.file === file);
  assert.ok(found, `${file} committed`);
  return String(found.inputs.content);
}

describe("program: SOPS with age", () => {
  for (const stack of ["dev", "staging", "prod"] as const) {
    describe(stack, () => {
      it("keeps the key in a Key Vault with RBAC, soft delete and the configured purge protection", async () => {
        const run = await runShippedStack(stack);
        const vault = run.recorder.get("azure-native:keyvault:Vault", "sops-vault");
        const p = vault.inputs.properties as Record<string, unknown>;
        assert.equal(p.enableRbacAuthorization, true);
        assert.equal(p.enableSoftDelete, true);
        assert.equal(p.softDeleteRetentionInDays, expectedVault[stack].retention);
        assert.equal(p.enablePurgeProtection, expectedVault[stack].purge);
        assert.deepEqual(p.accessPolicies, []);
        assert.equal(p.tenantId, mockClient.tenantId);
        assert.match(String(vault.inputs.vaultName), new RegExp(`^kv-${stack}-[0-9a-f]{8}$`));
        assert.ok(String(vault.inputs.vaultName).length <= 24);
        assert.equal((vault.inputs.tags as Record<string, string>).environment, stack);
      });

      it("grants each configured deployer (azure.deployerObjectIds, never the caller) Secrets Officer and the platform group Secrets User on the vault", async () => {
        const run = await runShippedStack(stack);
        const vault = run.recorder.get("azure-native:keyvault:Vault", "sops-vault");
        const grants = run.recorder
          .ofType(roleAssignment)
          .filter(
            (r) =>
              r.inputs.scope ===
              `/subscriptions/${mockClient.subscriptionId}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${vault.inputs.vaultName}`,
          );
        const roles = grants.map((g) => [g.inputs.principalId, String(g.inputs.roleDefinitionId).split("/").pop()]);
        assert.deepEqual(
          roles.sort(),
          [
            ["0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a", "4633458b-17de-408a-b874-0445c86b69e6"],
            ...deployersOf(stack).map((id) => [id, "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"]),
          ].sort(),
        );
        for (const g of grants)
          assert.match(String(g.inputs.roleAssignmentName), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });

      it("stores the same secret age key in Key Vault and in the sops-age Secret", async () => {
        const run = await runShippedStack(stack);
        const kv = run.recorder.get("azure-native:keyvault:Secret", "sops-secret");
        assert.equal(kv.inputs.secretName, `sops-age-${stack}`);
        const kvValue = (unwrapSecrets(kv.inputs.properties) as { value: string }).value;
        assert.ok(
          isSecretInput((kv.inputs.properties as Record<string, unknown>).value) || isSecretInput(kv.inputs.properties),
          "the Key Vault value is a Pulumi secret",
        );
        const secret = sopsAgeSecret(run);
        assert.ok(isSecretInput(secret.inputs.stringData));
        const data = unwrapSecrets(secret.inputs.stringData) as Record<string, string>;
        assert.deepEqual(Object.keys(data), ["age.agekey"]);
        assert.equal(data["age.agekey"], kvValue);
        const identity = kvValue.split("\n")[1];
        assert.match(identity, /^AGE-SECRET-KEY-1/);
        assert.equal(ageRecipientOf(identity), run.outputs.sopsAgeRecipient);
        assert.equal((kv.inputs.tags as Record<string, string>)["age-recipient"], run.outputs.sopsAgeRecipient);
        assert.ok(!run.secretOutputs.has("sopsAgeRecipient"), "the recipient is public");
      });

      it("decrypts infrastructure and apps with sops-age, and writes .sops.yaml for the recipient", async () => {
        const run = await runShippedStack(stack);
        for (const file of [`clusters/${stack}/infrastructure.yaml`, `clusters/${stack}/apps.yaml`]) {
          const kustomizations = committed(run, file)
            .split("\n---\n")
            .map((d) => parse(d))
            .filter((d) => d?.kind === "Kustomization");
          assert.equal(kustomizations.length, 1);
          assert.deepEqual(kustomizations[0].spec.decryption, { provider: "sops", secretRef: { name: "sops-age" } });
        }
        for (const file of [`infrastructure/overlays/${stack}/.sops.yaml`, `apps/overlays/${stack}/.sops.yaml`]) {
          assert.deepEqual(parse(committed(run, file)), {
            creation_rules: [{ path_regex: ".*\\.ya?ml$", encrypted_regex: "^(data|stringData)$", age: run.outputs.sopsAgeRecipient }],
          });
        }
      });
    });
  }

  it("rotates the age key by sops.ageKeyGeneration, keeping the previous key for decryption", async () => {
    const before = await runShippedStack("dev");
    const after = await runProgram({ stack: "dev", mutate: (v) => (v.sops.ageKeyGeneration = 1) });
    assert.deepEqual(
      after.recorder.ofType("random:index/randomBytes:RandomBytes").map((r) => r.name),
      ["sops-gen1", "sops-gen0"],
    );
    const data = unwrapSecrets(sopsAgeSecret(after).inputs.stringData) as Record<string, string>;
    assert.deepEqual(Object.keys(data).sort(), ["age-gen0.agekey", "age.agekey"]);
    const previous = unwrapSecrets(sopsAgeSecret(before).inputs.stringData) as Record<string, string>;
    assert.equal(data["age-gen0.agekey"], previous["age.agekey"], "generation 0 is still there");
    assert.notEqual(after.outputs.sopsAgeRecipient, before.outputs.sopsAgeRecipient);
    assert.match(committed(after, "apps/overlays/dev/.sops.yaml"), new RegExp(after.outputs.sopsAgeRecipient));
  });

  it("drops the previous key once files are re-encrypted (sops.keepPreviousAgeKey: false)", async () => {
    const run = await runProgram({
      stack: "dev",
      mutate: (v) => Object.assign(v.sops, { ageKeyGeneration: 1, keepPreviousAgeKey: false }),
    });
    assert.deepEqual(
      run.recorder.ofType("random:index/randomBytes:RandomBytes").map((r) => r.name),
      ["sops-gen1"],
    );
    assert.deepEqual(Object.keys(unwrapSecrets(sopsAgeSecret(run).inputs.stringData) as Record<string, string>), ["age.agekey"]);
  });

  it("never stores the age identity in Git", async () => {
    for (const stack of ["dev", "staging", "prod"]) {
      const run = await runShippedStack(stack);
      for (const file of run.recorder.ofType(repositoryFile)) assert.doesNotMatch(String(file.inputs.content), /AGE-SECRET-KEY/);
    }
  });
});
