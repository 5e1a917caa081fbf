import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { builtInRoles, defaultKeyVaultName, deterministicGuid, roleDefinitionId } from "../../generators/azure/names";

export interface SopsKeyVaultArgs {
  readonly environment: string;
  readonly location: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly tags: Readonly<Record<string, string>>;
  readonly tenantId: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
  /** Vault name. Default: `kv-<env>-<hash of subscription and resource group>` (globally unique, stable). */
  readonly vaultName?: string;
  /** Purge protection; once on it cannot be turned off again (Azure rule). */
  readonly purgeProtection: boolean;
  /** Soft-delete retention, 7-90 days. */
  readonly softDeleteRetentionDays: number;
  /** Principal running `pulumi up`; gets "Key Vault Secrets Officer". */
  readonly deployerObjectId: pulumi.Input<string>;
  /** Entra ID objects (the platform team's group) that get "Key Vault Secrets User" to decrypt locally; may be empty. */
  readonly decrypterObjectIds: readonly string[];
}

/**
 * The environment's Key Vault for its SOPS age key: RBAC authorization (no access
 * policies), soft delete, purge protection as configured, and the role assignments
 * that let the deployer write the key and the platform team read it.
 */
export class SopsKeyVault extends pulumi.ComponentResource {
  readonly vault: keyvault.Vault;
  readonly vaultName: pulumi.Output<string>;
  readonly vaultUri: pulumi.Output<string>;

  constructor(name: string, args: SopsKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:sops:SopsKeyVault", name, {}, opts);
    const vaultName =
      args.vaultName ?? pulumi.all([args.subscriptionId, args.resourceGroupName]).apply(([sub, rg]) => defaultKeyVaultName(args.environment, sub, rg));
    this.vault = new keyvault.Vault(
      `${name}-vault`,
      {
        vaultName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        tags: { ...args.tags },
        properties: {
          tenantId: args.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: args.softDeleteRetentionDays,
          // Azure rejects an explicit `false`: purge protection is either on or absent.
          ...(args.purgeProtection ? { enablePurgeProtection: true } : {}),
          accessPolicies: [],
        },
      },
      { parent: this },
    );
    this.vaultName = this.vault.name;
    this.vaultUri = this.vault.properties.apply((p) => p.vaultUri ?? "");

    this.grant(`${name}-deployer-officer`, args.subscriptionId, args.deployerObjectId, builtInRoles.keyVaultSecretsOfficer);
    for (const objectId of args.decrypterObjectIds) {
      this.grant(`${name}-decrypter-${objectId}`, args.subscriptionId, objectId, builtInRoles.keyVaultSecretsUser);
    }
    this.registerOutputs({ vault: this.vault, vaultName: this.vaultName, vaultUri: this.vaultUri });
  }

  private grant(name: string, subscriptionId: pulumi.Input<string>, principalId: pulumi.Input<string>, role: string): authorization.RoleAssignment {
    return new authorization.RoleAssignment(
      name,
      {
        scope: this.vault.id,
        principalId,
        roleDefinitionId: pulumi.output(subscriptionId).apply((sub) => roleDefinitionId(sub, role)),
        roleAssignmentName: pulumi.all([this.vault.id, principalId]).apply(([scope, principal]) => deterministicGuid(scope, principal, role)),
      },
      { parent: this },
    );
  }
}
