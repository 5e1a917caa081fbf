import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parseAllDocuments } from "yaml";
import { runProgram, type ProgramRun } from "../support/programHarness";

const registry =
  "/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acmeshared";
const identityType = "azure-native:managedidentity:UserAssignedIdentity";
const ficType = "azure-native:managedidentity:FederatedIdentityCredential";
const roleAssignmentType = "azure-native:authorization:RoleAssignment";
const clientId = "flux-identity-client";

const withWorkloadIdentity = (v: Record<string, any>) => {
  v.flux.componentsExtra = ["image-reflector-controller", "image-automation-controller"];
  v.flux.workloadIdentity = { acrPullRegistries: [registry] };
};
const applied = (run: ProgramRun, type: string, name: string) =>
  run.resources.find((r) => r.type === type && (r.inputs.metadata as any)?.name === name && r.custom);

describe("program: flux.workloadIdentity (AKS)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({ stack: "dev", mutate: withWorkloadIdentity });
    assert.equal(run.error, undefined);
  });

  it("creates one user-assigned identity for the environment's Flux controllers", () => {
    const identities = run.recorder.ofType(identityType).filter((r) => r.name === "flux-identity");
    assert.equal(identities.length, 1);
    assert.equal(identities[0].inputs.resourceName, "id-aks-dev-flux");
  });

  it("federates each controller's service account with the cluster's OIDC issuer", () => {
    const credentials = run.recorder.ofType(ficType);
    assert.deepEqual(
      credentials.map((c) => c.inputs.subject),
      ["source-controller", "kustomize-controller", "image-reflector-controller"].map((sa) => `system:serviceaccount:flux-system:${sa}`),
    );
    for (const c of credentials) {
      assert.equal(c.inputs.issuer, run.outputs.oidcIssuerUrl);
      assert.match(String(c.inputs.issuer), /^https:\/\/westeurope\.oic\.prod-aks\.azure\.com\//);
      assert.deepEqual(c.inputs.audiences, ["api://AzureADTokenExchange"]);
      assert.equal(c.inputs.resourceName, "id-aks-dev-flux");
    }
  });

  it("grants AcrPull on each configured registry to the identity", () => {
    const [assignment, ...others] = run.recorder.ofType(roleAssignmentType).filter((r) => r.inputs.scope === registry);
    assert.equal(others.length, 0);
    assert.equal(assignment.inputs.principalId, "flux-identity-principal");
    assert.equal(assignment.inputs.principalType, "ServicePrincipal");
    assert.equal(
      assignment.inputs.roleDefinitionId,
      "/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
    );
    assert.match(String(assignment.inputs.roleAssignmentName), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("applies the controllers' service accounts with the identity's client id and their pods with the use label", () => {
    for (const sa of ["source-controller", "kustomize-controller", "image-reflector-controller"]) {
      const account = applied(run, "kubernetes:core/v1:ServiceAccount", sa);
      assert.equal((account?.inputs.metadata as any).annotations["azure.workload.identity/client-id"], clientId, sa);
      const deployment = applied(run, "kubernetes:apps/v1:Deployment", sa);
      assert.equal((deployment?.inputs.spec as any).template.metadata.labels["azure.workload.identity/use"], "true", sa);
    }
    const helm = applied(run, "kubernetes:core/v1:ServiceAccount", "helm-controller");
    assert.equal((helm?.inputs.metadata as any).annotations, undefined, "helm-controller does not use the identity");
  });

  it("commits the same patches, with the client id, in flux-system/kustomization.yaml", () => {
    const file = run.recorder
      .ofType("github:index/repositoryFile:RepositoryFile")
      .find((r) => r.inputs.file === "clusters/dev/flux-system/kustomization.yaml");
    const kustomization = parseAllDocuments(String(file?.inputs.content))[0].toJS();
    assert.deepEqual(kustomization.resources, ["gotk-components.yaml", "gotk-sync.yaml"]);
    assert.equal(kustomization.patches.length, 2);
    assert.match(kustomization.patches[0].patch, new RegExp(`azure\\.workload\\.identity/client-id: "${clientId}"`));
    assert.deepEqual(kustomization.patches[0].target, {
      kind: "ServiceAccount",
      name: "(source-controller|kustomize-controller|image-reflector-controller)",
    });
  });

  it("exports the identity's client and principal ids", () => {
    assert.deepEqual(run.outputs.fluxWorkloadIdentity, { clientId, principalId: "flux-identity-principal" });
  });
});

describe("program: flux.patches that cannot apply", () => {
  it("rejects a patch whose path the release does not have, naming the key, before any resource", async () => {
    const run = await runProgram({
      stack: "dev",
      mutate: (v) =>
        (v.flux.patches = [
          {
            patch: "- op: replace\n  path: /spec/template/spec/containers/3/args\n  value: []\n",
            target: { kind: "Deployment", name: "source-controller" },
          },
        ]),
    });
    assert.ok(pulumi.RunError.isInstance(run.error), `a RunError, got ${run.error}`);
    assert.match(
      run.error?.message ?? "",
      /aks-flux-gitops:flux\.patches\[0\]: .* cannot be applied: Deployment source-controller: operation 1 \(replace \/spec\/template\/spec\/containers\/3\/args\): list index "3" is out of range/,
    );
    assert.equal(run.resources.length, 0);
  });
});

describe("program: a hand edit of flux-system/kustomization.yaml in Git", () => {
  const path = "fleet-infra/clusters/dev/flux-system/kustomization.yaml";
  const plain = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-components.yaml\n- gotk-sync.yaml\n";
  const handEdited = `${plain}patches:\n- patch: |\n    - op: add\n      path: /spec/template/spec/containers/0/args/-\n      value: --concurrent=20\n  target:\n    kind: Deployment\n    name: kustomize-controller\n`;
  const byHand = (content: string) => ({
    repositoryFiles: new Map([[path, { content, commitAuthor: "Jane Doe", commitEmail: "jane@example.com" }]]),
  });

  it("fails before any resource, saying to move the change into flux.patches", async () => {
    const run = await runProgram({ stack: "dev", mocks: byHand(handEdited) });
    assert.ok(pulumi.RunError.isInstance(run.error), `a RunError, got ${run.error}`);
    assert.match(
      run.error?.message ?? "",
      /fleet-infra\/clusters\/dev\/flux-system\/kustomization\.yaml was changed by hand \(last commit fedc3210aa55 by Jane Doe <jane@example\.com>/,
    );
    assert.match(run.error?.message ?? "", /move the change into aks-flux-gitops:flux\.patches/);
    assert.equal(run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length, 0);
  });

  it("goes ahead once flux.patches says the same, or when the file is Flux's own (migration from flux bootstrap)", async () => {
    const moved = await runProgram({
      stack: "dev",
      mocks: byHand(handEdited),
      mutate: (v) =>
        (v.flux.patches = [
          {
            patch: "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --concurrent=20\n",
            target: { kind: "Deployment", name: "kustomize-controller" },
          },
        ]),
    });
    assert.equal(moved.error, undefined);
    const migrated = await runProgram({ stack: "dev", mocks: byHand(plain) });
    assert.equal(migrated.error, undefined);
  });

  it("overwrites the stack's own earlier version (a config change) without complaint", async () => {
    const run = await runProgram({
      stack: "dev",
      mocks: {
        repositoryFiles: new Map([
          [path, { content: handEdited, commitAuthor: "aks-flux-gitops", commitEmail: "aks-flux-gitops@users.noreply.github.com" }],
        ]),
      },
    });
    assert.equal(run.error, undefined);
  });
});
