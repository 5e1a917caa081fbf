import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { ContextResolver } from "../environment";
import { azureType, get, resourcePolicy } from "./common";

/** Key Vaults: `azure-native:keyvault:Vault` (and its explicit API versions). */
export const keyVault = azureType("keyvault", "Vault");

export function keyVaultPolicies(contexts: ContextResolver): ResourceValidationPolicy[] {
  return [
    resourcePolicy(
      {
        name: "keyvault-rbac-authorization",
        description: "Key Vaults authorize data-plane access with Azure RBAC.",
        enforcementLevel: "mandatory",
        appliesTo: keyVault,
        check: (props, _context, report) => {
          const rbac = get(props, "properties.enableRbacAuthorization");
          if (rbac !== true) {
            report(
              "properties.enableRbacAuthorization",
              rbac,
              "set properties.enableRbacAuthorization to true (the SopsAgeKey component does) and grant access with role assignments to aks-flux-gitops:sops.decrypterObjectIds",
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "keyvault-soft-delete",
        description: "Key Vaults keep soft delete on, so a deleted SOPS age key can be recovered.",
        enforcementLevel: "mandatory",
        appliesTo: keyVault,
        check: (props, _context, report) => {
          const softDelete = get(props, "properties.enableSoftDelete");
          if (softDelete === false) {
            report(
              "properties.enableSoftDelete",
              softDelete,
              "set properties.enableSoftDelete to true (or leave it unset, Azure's default): without it a deleted age key, and every secret encrypted to it, is gone at once",
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "keyvault-purge-protection",
        description: "Key Vaults of production-profile environments have purge protection enabled.",
        enforcementLevel: "mandatory",
        appliesTo: keyVault,
        profiles: ["production"],
        check: (props, _context, report) => {
          const purgeProtection = get(props, "properties.enablePurgeProtection");
          if (purgeProtection !== true) {
            report(
              "properties.enablePurgeProtection",
              purgeProtection,
              "set aks-flux-gitops:sops.purgeProtection to true (the production default) so nobody can purge the vault and its age key before the soft-delete retention ends",
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "keyvault-no-access-policies",
        description: "Key Vaults have no access policies: access is granted through Azure RBAC only.",
        enforcementLevel: "mandatory",
        appliesTo: keyVault,
        check: (props, _context, report) => {
          const policies = get(props, "properties.accessPolicies");
          if (Array.isArray(policies) ? policies.length > 0 : policies !== undefined && policies !== null) {
            report(
              "properties.accessPolicies",
              policies,
              "remove the access policies and grant Key Vault Secrets User (or Officer) role assignments instead: access policies grant access outside Azure RBAC as soon as RBAC authorization is switched off, and mislead reviewers while it is on",
            );
          }
        },
      },
      contexts,
    ),
  ];
}
