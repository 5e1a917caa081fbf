import assert from "node:assert/strict";
import type { SopsKeyVault as SopsKeyVaultType, SopsKeyVaultArgs } from "../../../components/sops/SopsKeyVault";
import { defaultKeyVaultName, deterministicGuid } from "../../../generators/azure/names";
import { fieldsOf, recordComponent } from "../../support/componentHarness";
import { mockClient } from "../../support/programMocks";
import { valueOf, type ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const officer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
const secretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
const base: SopsKeyVaultArgs = {
  environment: "prod",
  location: "westeurope",
  resourceGroupName: "rg-prod",
  tags: { environment: "prod" },
  tenantId: mockClient.tenantId,
  subscriptionId: mockClient.subscriptionId,
  purgeProtection: true,
  softDeleteRetentionDays: 90,
  deployerObjectIds: ["deployer-1", "deployer-2"],
  decrypterObjectIds: ["platform-team"],
  protect: false,
  recoverSoftDeleted: false,
};

async function vaults(args: Record<string, Partial<SopsKeyVaultArgs>>) {
  return recordComponent(async () => {
    const { SopsKeyVault } = await import("../../../components/sops/SopsKeyVault");
    return Object.fromEntries(Object.entries(args).map(([name, a]) => [name, new SopsKeyVault(name, { ...base, ...a })]));
  });
}

describe("components/sops/SopsKeyVault", () => {
  let recorder: ResourceRecorder;
  let vault: Record<string, SopsKeyVaultType>;
  const props = (name: string) => recorder.get(T.keyVault, `${name}-vault`).inputs.properties as Record<string, unknown>;

  before(async () => {
    ({ recorder, value: vault } = await vaults({
      prod: { protect: true, vaultName: "kv-prod-named" },
      dev: { environment: "dev", purgeProtection: false, softDeleteRetentionDays: 7, deployerObjectIds: [], decrypterObjectIds: [] },
      back: { recoverSoftDeleted: true, deployerObjectIds: [], decrypterObjectIds: [] },
    }));
  });

  it("creates an RBAC-authorized standard vault with soft delete, the retention asked for and no access policies", () => {
    const vaultResource = recorder.get(T.keyVault, "prod-vault");
    assert.equal(vaultResource.options.parent, recorder.get(T.sopsKeyVault, "prod").urn);
    assert.deepEqual(
      [vaultResource.inputs.vaultName, vaultResource.inputs.resourceGroupName, vaultResource.inputs.location],
      ["kv-prod-named", "rg-prod", "westeurope"],
    );
    assert.deepEqual(vaultResource.inputs.tags, { environment: "prod" });
    const expected = {
      tenantId: mockClient.tenantId,
      sku: { family: "A", name: "standard" },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      accessPolicies: [],
    };
    assert.deepEqual(fieldsOf(props("prod"), expected), expected);
  });

  it("leaves purge protection out when it is off (Azure rejects an explicit false)", () => {
    assert.equal("enablePurgeProtection" in props("dev"), false);
    assert.equal(props("dev").softDeleteRetentionInDays, 7);
  });

  it("names an unnamed vault kv-<env>-<hash of subscription and resource group>, the same on every run", async () => {
    const expected = defaultKeyVaultName("dev", mockClient.subscriptionId, "rg-prod");
    assert.equal(recorder.get(T.keyVault, "dev-vault").inputs.vaultName, expected);
    assert.equal(await valueOf(vault.dev.vaultName), expected);
    assert.equal(await valueOf(vault.dev.vaultUri), `https://${expected}.vault.azure.net/`);
  });

  it("protects the vault only when asked, and never takes a later createMode change as a change", () => {
    assert.equal(recorder.get(T.keyVault, "prod-vault").options.protect, true);
    assert.equal(recorder.get(T.keyVault, "dev-vault").options.protect, false);
    for (const name of ["prod", "dev", "back"])
      assert.deepEqual(recorder.get(T.keyVault, `${name}-vault`).options.ignoreChanges, ["properties.createMode"]);
  });

  it("recovers a soft-deleted vault of the same name when asked, and only then", () => {
    assert.equal(props("back").createMode, "recover");
    assert.equal("createMode" in props("prod"), false);
  });

  it("makes each deployer Secrets Officer and each decrypter Secrets User on the vault, with deterministic assignment names", async () => {
    const vaultId = `/subscriptions/${mockClient.subscriptionId}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod-named`;
    const expected = [
      ["prod-deployer-officer-deployer-1", "deployer-1", officer],
      ["prod-deployer-officer-deployer-2", "deployer-2", officer],
      ["prod-decrypter-platform-team", "platform-team", secretsUser],
    ];
    for (const [name, principal, role] of expected) {
      const assignment = recorder.get(T.roleAssignment, name);
      assert.equal(assignment.options.parent, recorder.get(T.sopsKeyVault, "prod").urn);
      const want = {
        scope: vaultId,
        principalId: principal,
        roleDefinitionId: `/subscriptions/${mockClient.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
        roleAssignmentName: deterministicGuid(vaultId, principal, role),
      };
      assert.deepEqual(fieldsOf(assignment.inputs, want), want);
    }
    assert.deepEqual(vault.prod.officerAssignments.length, 2, "the officer assignments are handed out, for the secrets to depend on");
    assert.equal(recorder.ofType(T.roleAssignment).filter((a) => a.name.startsWith("dev-")).length, 0);
  });
});
