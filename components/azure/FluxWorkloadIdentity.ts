import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { deterministicGuid, roleDefinitionId } from "../../generators/azure/names";
import { serviceAccountSubject, workloadIdentityAudience } from "../../generators/flux/workloadIdentity";

/** AcrPull, the built-in role that lets an identity pull images and OCI artifacts. */
export const acrPullRole = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

export interface FluxWorkloadIdentityArgs {
  /** Identity name in Azure, e.g. `id-aks-dev-flux`. */
  readonly identityName: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The cluster's OIDC issuer URL, the issuer of every federated credential. */
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /** Flux's namespace, where the controllers' service accounts live. */
  readonly namespace: string;
  /** Service accounts federated with the identity (Flux names each after its controller). */
  readonly serviceAccounts: readonly string[];
  /** Container registry resource ids the identity may pull from (AcrPull); may be empty. */
  readonly acrPullRegistries: readonly string[];
}

/**
 * One user-assigned identity for an environment's Flux controllers: federated with
 * the cluster's OIDC issuer for each controller's service account, and AcrPull on the
 * registries Flux reads OCI artifacts, Helm charts and image tags from. The service
 * accounts carry its client id through flux-system/kustomization.yaml's patches.
 */
export class FluxWorkloadIdentity extends pulumi.ComponentResource {
  readonly identity: managedidentity.UserAssignedIdentity;
  readonly clientId: pulumi.Output<string>;
  readonly principalId: pulumi.Output<string>;
  readonly federatedCredentials: managedidentity.FederatedIdentityCredential[];
  readonly roleAssignments: authorization.RoleAssignment[];

  constructor(name: string, args: FluxWorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:azure:FluxWorkloadIdentity", name, {}, opts);
    this.identity = new managedidentity.UserAssignedIdentity(
      `${name}-identity`,
      { resourceName: args.identityName, resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } },
      { parent: this },
    );
    this.clientId = this.identity.clientId;
    this.principalId = this.identity.principalId;

    // Azure refuses concurrent writes of federated credentials on one identity: one after the other.
    let previous: pulumi.Resource[] = [];
    this.federatedCredentials = args.serviceAccounts.map((serviceAccount) => {
      const credential = new managedidentity.FederatedIdentityCredential(
        `${name}-federation-${serviceAccount}`,
        {
          federatedIdentityCredentialResourceName: serviceAccount,
          resourceGroupName: args.resourceGroupName,
          resourceName: this.identity.name,
          issuer: args.oidcIssuerUrl,
          subject: serviceAccountSubject(args.namespace, serviceAccount),
          audiences: [workloadIdentityAudience],
        },
        { parent: this, dependsOn: previous },
      );
      previous = [credential];
      return credential;
    });

    this.roleAssignments = args.acrPullRegistries.map(
      (registryId) =>
        new authorization.RoleAssignment(
          `${name}-acrpull-${registryName(registryId)}`,
          {
            scope: registryId,
            principalId: this.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: roleDefinitionId(subscriptionOf(registryId), acrPullRole),
            roleAssignmentName: this.principalId.apply((principal) => deterministicGuid(registryId, principal, acrPullRole)),
          },
          { parent: this },
        ),
    );
    this.registerOutputs({ clientId: this.clientId, principalId: this.principalId });
  }
}

/** `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>` -> `<rg>-<name>` (stable child name). */
function registryName(registryId: string): string {
  const parts = registryId.split("/");
  return `${parts[4]}-${parts[parts.length - 1]}`.toLowerCase();
}

function subscriptionOf(registryId: string): string {
  return registryId.split("/")[2];
}
