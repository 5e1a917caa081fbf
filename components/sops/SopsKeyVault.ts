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
  /**
   * Principals that run `pulumi up` (`azure.deployerObjectIds`); each gets "Key Vault
   * Secrets Officer", which deleting the age key secret needs (azure-native deletes
   * `keyvault.Secret` through the data plane). From config, never the caller; may be empty.
   */
  readonly deployerObjectIds: readonly string[];
  /** `protect` the vault against destroy and replacement (config's `protect`, which the profile decides). */
  readonly protect: boolean;
  /**
   * Create the vault with `createMode: "recover"`: a vault of the same name was deleted
   * and is still soft-deleted (within its retention), so a plain create fails. Azure
   * brings it back with its secrets. Only read at creation (`sops.recoverSoftDeletedVault`).
   */
  readonly recoverSoftDeleted: boolean;
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
  /** The deployers' Secrets Officer assignments: every secret of the vault depends on them, so destroy deletes secrets first. */
  readonly officerAssignments: readonly authorization.RoleAssignment[];

  constructor(name: string, args: SopsKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:sops:SopsKeyVault", name, {}, opts);
    const vaultName =
      args.vaultName ??
      pulumi.all([args.subscriptionId, args.resourceGroupName]).apply(([sub, rg]) => defaultKeyVaultName(args.environment, sub, rg));
    this.vault = new keyvault.Vault(
      `${name}-vault`,
      {
        vaultName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        tags: { ...args.tags },
        properties: {
          ...(args.recoverSoftDeleted ? { createMode: "recover" } : {}),
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
      // createMode only matters when the vault is created; switching the flag afterwards is not a change.
      { parent: this, protect: args.protect, ignoreChanges: ["properties.createMode"] },
    );
    this.vaultName = this.vault.name;
    this.vaultUri = this.vault.properties.apply((p) => p.vaultUri ?? "");

    this.officerAssignments = args.deployerObjectIds.map((objectId) =>
      this.grant(`${name}-deployer-officer-${objectId}`, args.subscriptionId, objectId, builtInRoles.keyVaultSecretsOfficer),
    );
    for (const objectId of args.decrypterObjectIds) {
      this.grant(`${name}-decrypter-${objectId}`, args.subscriptionId, objectId, builtInRoles.keyVaultSecretsUser);
    }
    this.registerOutputs({ vault: this.vault, vaultName: this.vaultName, vaultUri: this.vaultUri });
  }

  private grant(
    name: string,
    subscriptionId: pulumi.Input<string>,
    principalId: pulumi.Input<string>,
    role: string,
  ): authorization.RoleAssignment {
    return new authorization.RoleAssignment(
      name,
      {
        scope: this.vault.id,
        principalId,
        roleDefinitionId: pulumi.output(subscriptionId).apply((sub) => roleDefinitionId(sub, role)),
        roleAssignmentName: pulumi
          .all([this.vault.id, principalId])
          .apply(([scope, principal]) => deterministicGuid(scope, principal, role)),
      },
      { parent: this },
    );
  }
}
