import assert from "node:assert/strict";
import type { FluxWorkloadIdentity as FluxWorkloadIdentityType } from "../../../components/azure/FluxWorkloadIdentity";
import { deterministicGuid } from "../../../generators/azure/names";
import { recordComponent } from "../../support/componentHarness";
import { valueOf, type ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const issuer = "https://westeurope.oic.prod-aks.azure.com/tenant/uid/";
const registry =
  "/subscriptions/0b1f6471-1bf0-4dda-aec3-999999999999/resourceGroups/rg-Shared/providers/Microsoft.ContainerRegistry/registries/AcmeCr";
const acrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

describe("components/azure/FluxWorkloadIdentity", () => {
  let recorder: ResourceRecorder;
  let identity: FluxWorkloadIdentityType;

  before(async () => {
    ({ recorder, value: identity } = await recordComponent(async () => {
      const { FluxWorkloadIdentity } = await import("../../../components/azure/FluxWorkloadIdentity");
      new FluxWorkloadIdentity("plain", {
        identityName: "id-aks-dev-flux",
        resourceGroupName: "rg-dev",
        location: "westeurope",
        tags: {},
        oidcIssuerUrl: issuer,
        namespace: "flux-system",
        serviceAccounts: ["source-controller"],
        acrPullRegistries: [],
      });
      return new FluxWorkloadIdentity("flux", {
        identityName: "id-aks-prod-flux",
        resourceGroupName: "rg-prod",
        location: "westeurope",
        tags: { environment: "prod" },
        oidcIssuerUrl: issuer,
        namespace: "flux-system",
        serviceAccounts: ["source-controller", "kustomize-controller", "image-reflector-controller"],
        acrPullRegistries: [registry],
      });
    }));
  });

  it("creates one user-assigned identity under the component, with its name, group, location and tags", async () => {
    const created = recorder.get(T.identity, "flux-identity");
    assert.equal(created.options.parent, recorder.get(T.fluxWorkloadIdentity, "flux").urn);
    assert.deepEqual(created.inputs, {
      resourceName: "id-aks-prod-flux",
      resourceGroupName: "rg-prod",
      location: "westeurope",
      tags: { environment: "prod" },
    });
    assert.equal(await valueOf(identity.clientId), "flux-identity-client");
    assert.equal(await valueOf(identity.principalId), "flux-identity-principal");
  });

  it("federates each controller's service account with the cluster's issuer, one credential after the other (Azure refuses concurrent writes)", () => {
    const credentials = recorder.ofType(T.federatedCredential).filter((c) => c.name.startsWith("flux-"));
    const accounts = ["source-controller", "kustomize-controller", "image-reflector-controller"];
    assert.deepEqual(
      credentials.map((c) => c.name),
      accounts.map((a) => `flux-federation-${a}`),
    );
    credentials.forEach((credential, i) => {
      assert.deepEqual(credential.inputs, {
        federatedIdentityCredentialResourceName: accounts[i],
        resourceGroupName: "rg-prod",
        resourceName: "id-aks-prod-flux",
        issuer,
        subject: `system:serviceaccount:flux-system:${accounts[i]}`,
        audiences: ["api://AzureADTokenExchange"],
      });
      if (i > 0) assert.ok(credential.options.dependencies.includes(credentials[i - 1].urn), `${credential.name} waits for the one before`);
    });
  });

  it("grants AcrPull on each registry, named after its group and name, in the registry's own subscription", () => {
    const assignment = recorder.get(T.roleAssignment, "flux-acrpull-rg-shared-acmecr");
    assert.equal(assignment.options.parent, recorder.get(T.fluxWorkloadIdentity, "flux").urn);
    assert.deepEqual(assignment.inputs, {
      scope: registry,
      principalId: "flux-identity-principal",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/0b1f6471-1bf0-4dda-aec3-999999999999/providers/Microsoft.Authorization/roleDefinitions/${acrPull}`,
      roleAssignmentName: deterministicGuid(registry, "flux-identity-principal", acrPull),
    });
  });

  it("grants nothing without registries", () => {
    assert.deepEqual(
      recorder.ofType(T.roleAssignment).filter((a) => a.name.startsWith("plain-")),
      [],
    );
    assert.equal(recorder.ofType(T.federatedCredential).filter((c) => c.name.startsWith("plain-")).length, 1);
  });
});
