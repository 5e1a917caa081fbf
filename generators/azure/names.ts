import { createHash } from "node:crypto";

/**
 * A globally unique, deterministic Key Vault name within Azure's rule (3-24 letters,
 * digits and single hyphens, starting with a letter): `kv-<env>-<8 hex>`, the hex
 * derived from the subscription and resource group so re-creating the environment
 * gets the same name.
 */
export function defaultKeyVaultName(environment: string, subscriptionId: string, resourceGroupName: string): string {
  const suffix = createHash("sha256").update(`${subscriptionId}/${resourceGroupName}/${environment}`).digest("hex").slice(0, 8);
  return `kv-${environment}-${suffix}`;
}

/** A name-based UUID (RFC 4122 version 5 layout, SHA-256 based) for idempotent role assignment names. */
export function deterministicGuid(...parts: readonly string[]): string {
  const hash = createHash("sha256").update(parts.join("\u0000")).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Built-in Azure role definition ids used by this program. */
export const builtInRoles = {
  keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
} as const;

export function roleDefinitionId(subscriptionId: string, roleGuid: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}
