import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { SopsAgeKey as SopsAgeKeyType, SopsAgeKeyArgs } from "../../../components/sops/SopsAgeKey";
import { ageRecipientOf } from "../../../generators/sops/ageKey";
import { recordComponent } from "../../support/componentHarness";
import { isSecretInput, unwrapSecrets, valueOf, type ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

async function ageKeys(keys: Record<string, Omit<SopsAgeKeyArgs, "secretDependsOn"> & { officer?: boolean }>) {
  return recordComponent(async () => {
    const { SopsAgeKey } = await import("../../../components/sops/SopsAgeKey");
    const authorization = await import("@pulumi/azure-native/authorization");
    const officer = new authorization.RoleAssignment("officer", { principalId: "p", roleDefinitionId: "r", scope: "s" });
    return Object.fromEntries(
      Object.entries(keys).map(([name, { officer: waits, ...args }]) => [
        name,
        new SopsAgeKey(name, { ...args, secretDependsOn: waits ? [officer] : undefined }),
      ]),
    );
  });
}

const identityOf = (keyFile: string) => keyFile.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1")) as string;

describe("components/sops/SopsAgeKey", () => {
  let recorder: ResourceRecorder;
  let keys: Record<string, SopsAgeKeyType>;

  before(async () => {
    ({ recorder, value: keys } = await ageKeys({
      vaulted: {
        environment: "prod",
        generations: [2, 1],
        tags: { environment: "prod" },
        keyVault: { resourceGroupName: "rg-prod", vaultName: "kv-prod-abc" },
        protect: true,
        officer: true,
      },
      plain: { environment: "local", generations: [0], tags: {}, protect: false },
    }));
  });

  it("keeps one 32-byte seed per generation, named after it, secret in state and protected when asked", () => {
    const component = recorder.get(T.sopsAgeKey, "vaulted");
    for (const name of ["vaulted-gen2", "vaulted-gen1"]) {
      const seed = recorder.get(T.randomBytes, name);
      assert.equal(seed.inputs.length, 32);
      assert.equal(seed.options.parent, component.urn);
      assert.equal(seed.options.protect, true, name);
      assert.ok(seed.options.additionalSecretOutputs.includes("base64") && seed.options.additionalSecretOutputs.includes("hex"));
    }
    assert.equal(recorder.get(T.randomBytes, "plain-gen0").options.protect, false, "unprotected when protect is false");
  });

  it("exposes the current generation's recipient in the clear and every kept key file, current first, as a secret", async () => {
    assert.equal(await pulumi.isSecret(keys.vaulted.recipient), false);
    assert.equal(await pulumi.isSecret(keys.vaulted.keys), true);
    const kept = await valueOf(keys.vaulted.keys);
    assert.deepEqual(
      kept.map((k) => k.generation),
      [2, 1],
    );
    const recipient = await valueOf(keys.vaulted.recipient);
    assert.match(recipient, /^age1[0-9a-z]{58}$/);
    assert.equal(ageRecipientOf(identityOf(kept[0].keyFile)), recipient, "the recipient is the current generation's");
    assert.notEqual(ageRecipientOf(identityOf(kept[1].keyFile)), recipient);
    assert.match(kept[0].keyFile, new RegExp(`^# public key: ${recipient}\\nAGE-SECRET-KEY-1[0-9A-Z]+\\n$`));
  });

  it("stores the current key file in the Key Vault as sops-age-<env>, a secret, after the deployers' officer role", async () => {
    const secret = recorder.get(T.keyVaultSecret, "vaulted-secret");
    assert.deepEqual(
      [secret.inputs.resourceGroupName, secret.inputs.vaultName, secret.inputs.secretName],
      ["rg-prod", "kv-prod-abc", "sops-age-prod"],
    );
    const properties = secret.inputs.properties as Record<string, unknown>;
    assert.ok(isSecretInput(properties.value) || isSecretInput(properties), "the key file travels as a secret");
    const kept = await valueOf(keys.vaulted.keys);
    assert.deepEqual(unwrapSecrets(properties), {
      value: kept[0].keyFile,
      contentType: "application/x-age-key-file",
      attributes: { enabled: true },
    });
    assert.deepEqual(secret.inputs.tags, {
      environment: "prod",
      purpose: "sops-age",
      "age-recipient": await valueOf(keys.vaulted.recipient),
    });
    assert.ok(secret.options.dependencies.includes(recorder.get(T.roleAssignment, "officer").urn));
    assert.equal(await valueOf(keys.vaulted.secretUri), "https://kv-prod-abc.vault.azure.net/secrets/sops-age-prod");
  });

  it("without a Key Vault, keeps the key in state only: no Azure resource and an empty secret URI", async () => {
    assert.equal(recorder.find(T.keyVaultSecret, "plain-secret"), undefined);
    assert.equal(await valueOf(keys.plain.secretUri), "");
    assert.match(await valueOf(keys.plain.recipient), /^age1/);
  });

  it("rejects an empty list of generations", async () => {
    const { SopsAgeKey } = await import("../../../components/sops/SopsAgeKey");
    assert.throws(
      () => new SopsAgeKey("none", { environment: "dev", generations: [], tags: {}, protect: false }),
      /SopsAgeKey none: generations must list at least the current generation/,
    );
  });
});
