import { strict as assert } from "node:assert";
import {
  assertValidFluxInstallOptions,
  defaultFluxInstallOptions,
  validateFluxInstallOptions,
  type FluxInstallOptions,
} from "../../../../generators/flux/install/options";
import { missingReleaseFiles, requiredReleaseFiles } from "../../../../generators/flux/install/releaseManifests";

const valid: FluxInstallOptions = { ...defaultFluxInstallOptions, version: "v2.9.0" };
const withOptions = (overrides: Record<string, unknown>): FluxInstallOptions => ({ ...valid, ...overrides }) as FluxInstallOptions;

describe("Flux install options", () => {
  it("has Flux's defaults", () => {
    assert.deepEqual(
      { ...defaultFluxInstallOptions },
      {
        namespace: "flux-system",
        components: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"],
        registry: "ghcr.io/fluxcd",
        imagePullSecret: "",
        watchAllNamespaces: true,
        networkPolicy: true,
        logLevel: "info",
        clusterDomain: "cluster.local",
        tolerationKeys: [],
        resourceOrder: "fifo",
      },
    );
    assert.deepEqual(validateFluxInstallOptions(valid), []);
  });

  it("accepts every extra component, a registry with a port, a pull secret and toleration keys", () => {
    const options = withOptions({
      components: [...valid.components, "image-reflector-controller", "image-automation-controller", "source-watcher"],
      registry: "registry.example.com:5000/mirror/fluxcd",
      imagePullSecret: "regcred",
      tolerationKeys: ["node.kubernetes.io/dedicated-to-flux", "CriticalAddonsOnly"],
      resourceOrder: "fifo",
    });
    assert.deepEqual(validateFluxInstallOptions(options), []);
    assert.deepEqual(validateFluxInstallOptions(withOptions({ registry: "" })), []);
  });

  const rejections: [string, Record<string, unknown>, string][] = [
    [
      "a version without v",
      { version: "2.9.0" },
      'version: "2.9.0" is not a Flux release version (expected v<major>.<minor>.<patch>, e.g. v2.9.0)',
    ],
    [
      "an invalid namespace",
      { namespace: "Flux_System" },
      "namespace: \"Flux_System\" is not a Kubernetes namespace name (lowercase letters, digits and '-', at most 63 characters)",
    ],
    [
      "a namespace YAML reads as a boolean",
      { namespace: "yes" },
      'namespace: "yes" would be read as a number, boolean or null in Flux\'s generated YAML; choose another name',
    ],
    ["a namespace YAML reads as a number", { namespace: "123" }, 'namespace: "123" would be read as a number, boolean or null'],
    [
      "an unknown component",
      { components: ["source-controller", "kustomize-controller", "flagger"] },
      'components[2]: "flagger" is not a Flux component; allowed: source-controller, kustomize-controller, helm-controller, notification-controller, image-reflector-controller, image-automation-controller, source-watcher',
    ],
    [
      "a duplicated component",
      { components: ["source-controller", "kustomize-controller", "source-controller"] },
      'components[2]: "source-controller" is listed twice',
    ],
    [
      "components without kustomize-controller",
      { components: ["source-controller", "helm-controller"] },
      'components: ["source-controller","helm-controller"] must include kustomize-controller (Flux cannot bootstrap without it)',
    ],
    [
      "components without source-controller",
      { components: ["kustomize-controller"] },
      `components: ["kustomize-controller"] must include source-controller`,
    ],
    [
      "a registry with a trailing slash",
      { registry: "ghcr.io/fluxcd/" },
      'registry: "ghcr.io/fluxcd/" is not an image registry path (host[:port][/path], no trailing \'/\'), nor "" to keep the release\'s images',
    ],
    [
      "a registry with a scheme",
      { registry: "https://ghcr.io/fluxcd" },
      'registry: "https://ghcr.io/fluxcd" is not an image registry path',
    ],
    [
      "an invalid pull secret name",
      { imagePullSecret: "Reg Cred" },
      'imagePullSecret: "Reg Cred" is not a Secret name (lowercase DNS subdomain), nor "" for none',
    ],
    ["a pull secret YAML reads as null", { imagePullSecret: "null" }, 'imagePullSecret: "null" would be read as a number, boolean or null'],
    ["a non-boolean watchAllNamespaces", { watchAllNamespaces: "false" }, 'watchAllNamespaces: "false" must be true or false'],
    ["a non-boolean networkPolicy", { networkPolicy: 1 }, "networkPolicy: 1 must be true or false"],
    [
      "an unsupported log level",
      { logLevel: "trace" },
      'logLevel: "trace" is not a supported log level, must be one of: debug, info, error',
    ],
    ["an empty cluster domain", { clusterDomain: "" }, "clusterDomain: \"\" is not a DNS domain (lowercase letters, digits, '-' and '.')"],
    [
      "a toleration key with a space",
      { tolerationKeys: ["ok", "bad key"] },
      'tolerationKeys[1]: "bad key" is not a taint key ([prefix/]name, e.g. node.kubernetes.io/dedicated-to-flux)',
    ],
    ["a toleration key with a quote", { tolerationKeys: ['a"b'] }, 'tolerationKeys[0]: "a\\"b" is not a taint key'],
    ["an unknown resource order", { resourceOrder: "alphabetical" }, 'resourceOrder: "alphabetical" must be legacy or fifo'],
  ];
  for (const [what, overrides, message] of rejections) {
    it(`rejects ${what}`, () => {
      const problems = validateFluxInstallOptions(withOptions(overrides));
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.ok(problems[0].startsWith(message), `${problems[0]}\n  does not start with\n${message}`);
      assert.throws(
        () => assertValidFluxInstallOptions(withOptions(overrides)),
        (err: Error) => err.message.includes(message),
      );
    });
  }

  it("rejects with every problem at once", () => {
    const options = withOptions({ namespace: "", logLevel: "loud", components: ["source-controller"] });
    assert.throws(
      () => assertValidFluxInstallOptions(options),
      (err: Error) =>
        err.message.startsWith("invalid Flux install options:\n  - namespace:") &&
        err.message.includes("\n  - components:") &&
        err.message.includes("\n  - logLevel:"),
    );
  });
});

describe("release manifest files", () => {
  it("lists the files the overlay reads, in the order it reads them", () => {
    assert.deepEqual(requiredReleaseFiles(["source-controller", "kustomize-controller"], true), [
      "policies.yaml",
      "rbac.yaml",
      "source-controller.yaml",
      "kustomize-controller.yaml",
    ]);
    assert.deepEqual(requiredReleaseFiles(["source-controller"], false), ["rbac.yaml", "source-controller.yaml"]);
  });

  it("reports the missing ones for a component set", () => {
    const manifests = { version: "v2.9.0", files: { "rbac.yaml": "", "source-controller.yaml": "" } };
    assert.deepEqual(missingReleaseFiles(manifests, ["source-controller", "kustomize-controller"], true), [
      "policies.yaml",
      "kustomize-controller.yaml",
    ]);
    assert.deepEqual(missingReleaseFiles(manifests, ["source-controller"], false), []);
  });
});
