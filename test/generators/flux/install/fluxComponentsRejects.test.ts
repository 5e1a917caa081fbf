import { strict as assert } from "node:assert";
import { generateFluxComponents } from "../../../../generators/flux/install/generateFluxComponents";
import { defaultFluxInstallOptions, type FluxInstallOptions } from "../../../../generators/flux/install/options";
import type { ReleaseManifests } from "../../../../generators/flux/install/releaseManifests";
import { FIXTURE_VERSION, loadFixtureRelease } from "../../../../bench/fluxRelease";

const manifests = loadFixtureRelease();
const DEFAULTS: FluxInstallOptions = { ...defaultFluxInstallOptions, version: FIXTURE_VERSION };
const withFiles = (changes: Record<string, string | undefined>): ReleaseManifests => {
  const files: Record<string, string> = { ...manifests.files };
  for (const [name, text] of Object.entries(changes)) {
    if (text === undefined) delete files[name];
    else files[name] = text;
  }
  return { version: manifests.version, files };
};
const expectError = (fn: () => unknown, message: string): void => {
  assert.throws(fn, (err: Error) => {
    assert.equal(err.message, message);
    return true;
  });
};

describe("generateFluxComponents failures", () => {
  it("rejects invalid options, naming each option", () => {
    expectError(
      () => generateFluxComponents(manifests, { ...DEFAULTS, logLevel: "verbose" as never, tolerationKeys: ["a b"] }),
      'invalid Flux install options:\n  - logLevel: "verbose" is not a supported log level, must be one of: debug, info, error\n' +
        '  - tolerationKeys[0]: "a b" is not a taint key ([prefix/]name, e.g. node.kubernetes.io/dedicated-to-flux)',
    );
  });

  it("rejects options for another release", () => {
    expectError(
      () => generateFluxComponents(manifests, { ...DEFAULTS, version: "v2.9.0" }),
      `Flux install options are for v2.9.0 but the release manifests are ${FIXTURE_VERSION}; pass manifests of the same release`,
    );
  });

  it("rejects release manifests that lack files the components need", () => {
    expectError(
      () => generateFluxComponents(withFiles({ "rbac.yaml": undefined, "helm-controller.yaml": undefined }), DEFAULTS),
      `Flux ${FIXTURE_VERSION} release manifests lack rbac.yaml, helm-controller.yaml, needed for components source-controller,kustomize-controller,helm-controller,notification-controller`,
    );
  });

  it("does not need policies.yaml without network policies", () => {
    assert.doesNotThrow(() => generateFluxComponents(withFiles({ "policies.yaml": undefined }), { ...DEFAULTS, networkPolicy: false }));
  });

  it("rejects a Deployment whose args Flux's overlay cannot patch", () => {
    const text = manifests.files["source-controller.yaml"].replace(/ {8}- --storage-path=\/data\n {8}- --storage-adv-addr=.*\n/, "");
    expectError(
      () => generateFluxComponents(withFiles({ "source-controller.yaml": text }), DEFAULTS),
      "Deployment source-controller: Flux's overlay replaces /spec/template/spec/containers/0/args/6, which the release manifest does not have",
    );
  });

  it("rejects an object defined twice", () => {
    const duplicate = `${manifests.files["helm-controller.yaml"]}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: source-controller\n`;
    expectError(
      () => generateFluxComponents(withFiles({ "helm-controller.yaml": duplicate }), DEFAULTS),
      "Flux's release manifests define ServiceAccount source-controller (v1) twice: in source-controller.yaml and helm-controller.yaml",
    );
  });

  it("rejects a document that is not a Kubernetes object", () => {
    expectError(
      () => generateFluxComponents(withFiles({ "policies.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n" }), DEFAULTS),
      "policies.yaml document 1 (ConfigMap) has no metadata.name",
    );
    expectError(
      () => generateFluxComponents(withFiles({ "policies.yaml": "- a\n" }), DEFAULTS),
      "policies.yaml document 1 is not a Kubernetes object",
    );
  });
});
