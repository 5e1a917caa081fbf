import assert from "node:assert/strict";
import { operatorImageVersion, operatorInstallObjects, OperatorManifestsError } from "../../../generators/fluxOperator/operatorObjects";
import { FIXTURE_OPERATOR_INSTALL, loadOperatorManifests } from "../../support/sharedFluxOperator";

const fixture = loadOperatorManifests(FIXTURE_OPERATOR_INSTALL);
const key = (o: { kind: string; metadata: { name: string; namespace?: string } }) =>
  `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

describe("generators/fluxOperator: the operator's install objects", () => {
  it("keeps every object of install.yaml, Namespace first, then the CRDs, then the rest in the file's order", () => {
    const objects = operatorInstallObjects(fixture, { namespace: "flux-system" });
    assert.deepEqual(objects.map(key), [
      "Namespace//flux-system",
      "CustomResourceDefinition//fluxinstances.fluxcd.controlplane.io",
      "CustomResourceDefinition//fluxreports.fluxcd.controlplane.io",
      "ServiceAccount/flux-system/flux-operator",
      "ClusterRoleBinding//flux-operator-cluster-admin",
      "Service/flux-system/flux-operator",
      "Deployment/flux-system/flux-operator",
    ]);
  });

  it("moves the operator to another namespace: the Namespace, namespaced objects and the binding's subject", () => {
    const objects = operatorInstallObjects(fixture, { namespace: "gitops" }) as any[];
    assert.deepEqual(
      objects.map(key).filter((k) => k.includes("flux-system")),
      [],
    );
    assert.equal(objects[0].metadata.name, "gitops");
    const binding = objects.find((o) => o.kind === "ClusterRoleBinding");
    assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: "flux-operator", namespace: "gitops" }]);
    assert.equal(objects.find((o) => o.kind === "Deployment").metadata.namespace, "gitops");
    assert.equal(
      operatorInstallObjects(fixture, { namespace: "flux-system" })[0].metadata.name,
      "flux-system",
      "the parsed file is not changed in place",
    );
  });

  it("reads the operator version from the Deployment's image", () => {
    assert.equal(operatorImageVersion(operatorInstallObjects(fixture, { namespace: "flux-system" })), "v0.58.1");
    assert.equal(operatorImageVersion([]), undefined);
  });

  const without = (pattern: RegExp) => ({
    version: "v0.58.1",
    installYaml: fixture.installYaml
      .split(/^---$/m)
      .filter((d) => !pattern.test(d))
      .join("---"),
  });
  it("rejects an install.yaml without the FluxInstance CRD", () => {
    assert.throws(
      () => operatorInstallObjects(without(/fluxinstances\.fluxcd/), { namespace: "flux-system" }),
      (e: unknown) =>
        e instanceof OperatorManifestsError &&
        /lacks the fluxinstances\.fluxcd\.controlplane\.io CRD; it is not the operator's release install\.yaml/.test(e.message),
    );
  });

  it("rejects an install.yaml without the operator's Deployment or Namespace", () => {
    assert.throws(
      () => operatorInstallObjects(without(/kind: Deployment/), { namespace: "flux-system" }),
      /lacks the flux-operator Deployment/,
    );
    assert.throws(
      () => operatorInstallObjects(without(/kind: Namespace/), { namespace: "flux-system" }),
      /lacks exactly one Namespace \(it has 0\)/,
    );
  });

  it("rejects a document that is not a Kubernetes object, and text that is not YAML", () => {
    assert.throws(
      () =>
        operatorInstallObjects(
          { version: "v0.58.1", installYaml: `${fixture.installYaml}\n---\n- a list\n` },
          { namespace: "flux-system" },
        ),
      /document 8 is not a Kubernetes object/,
    );
    assert.throws(() => operatorInstallObjects({ version: "v0.58.1", installYaml: "a: [" }, { namespace: "flux-system" }), /is not YAML/);
  });
});
