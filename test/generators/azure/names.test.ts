import assert from "node:assert/strict";
import { builtInRoles, defaultKeyVaultName, deterministicGuid, roleDefinitionId } from "../../../generators/azure/names";

const subscription = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

describe("generators/azure/names", () => {
  it("names a Key Vault kv-<env>-<8 hex> within Azure's 3-24 character rule, the same for the same subscription, group and environment", () => {
    const name = defaultKeyVaultName("staging", subscription, "rg-aks-flux-gitops-staging");
    assert.match(name, /^kv-staging-[0-9a-f]{8}$/);
    assert.ok(name.length <= 24);
    assert.equal(defaultKeyVaultName("staging", subscription, "rg-aks-flux-gitops-staging"), name);
    assert.notEqual(defaultKeyVaultName("staging", subscription, "rg-other"), name, "another group, another globally unique name");
    assert.notEqual(
      defaultKeyVaultName("prod", subscription, "rg-aks-flux-gitops-staging"),
      defaultKeyVaultName("staging", subscription, "rg-aks-flux-gitops-staging"),
    );
  });

  it("makes role assignment names as deterministic version-5-layout UUIDs, so a re-run finds the same assignment", () => {
    const guid = deterministicGuid("/subscriptions/s/vault", "principal", builtInRoles.keyVaultSecretsUser);
    assert.match(guid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(deterministicGuid("/subscriptions/s/vault", "principal", builtInRoles.keyVaultSecretsUser), guid);
    assert.notEqual(deterministicGuid("/subscriptions/s/vault", "principal", builtInRoles.keyVaultSecretsOfficer), guid);
    assert.notEqual(
      deterministicGuid("/subscriptions/s/vaul", "tprincipal", builtInRoles.keyVaultSecretsUser),
      guid,
      "parts are separated, not concatenated",
    );
  });

  it("spells a built-in role's definition id in its subscription", () => {
    assert.equal(
      roleDefinitionId(subscription, builtInRoles.aksRbacClusterAdmin),
      `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b`,
    );
  });
});
