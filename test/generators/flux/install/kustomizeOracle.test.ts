import { strict as assert } from "node:assert";
import { generateFluxComponents } from "../../../../generators/flux/install/generateFluxComponents";
import {
  defaultFluxInstallOptions,
  FLUX_DEFAULT_COMPONENTS,
  FLUX_EXTRA_COMPONENTS,
  type FluxInstallOptions,
} from "../../../../generators/flux/install/options";
import { withFluxOverlay } from "../../../../bench/fluxOverlay";
import { kubectlKustomize } from "../../../support/kubectlKustomize";
import { FIXTURE_VERSION, loadFixtureRelease } from "../../../../bench/fluxRelease";
import { requireTool } from "../../../support/realTools";

const HEADER_LINES = 4;
const body = (content: string): string => content.split("\n").slice(HEADER_LINES).join("\n");

/**
 * Oracle: Flux's overlay files, rendered as its Go templates render them over the
 * fixture release, built by kubectl kustomize; our output must match byte for byte.
 */
describe("generateFluxComponents against kubectl kustomize over Flux's overlay (oracle)", () => {
  const manifests = loadFixtureRelease();
  const ALL = [...FLUX_DEFAULT_COMPONENTS, ...FLUX_EXTRA_COMPONENTS];
  const optionSets: [string, Partial<FluxInstallOptions>][] = [
    ["default options", {}],
    [
      "custom namespace, registry, tolerations, pull secret, log level, no watch-all, no network policy, cluster domain",
      {
        namespace: "flux-ops",
        registry: "registry.example.com:5000/mirror/fluxcd",
        tolerationKeys: ["node.kubernetes.io/dedicated-to-flux", "CriticalAddonsOnly"],
        imagePullSecret: "regcred",
        logLevel: "debug",
        watchAllNamespaces: false,
        networkPolicy: false,
        clusterDomain: "corp.internal",
      },
    ],
    ["every component, source-watcher included", { components: ALL, imagePullSecret: "release-pull-secret" }],
    [
      "without notification-controller, release images",
      { components: ["source-controller", "kustomize-controller", "source-watcher"], registry: "" },
    ],
    ["input order, as the flux CLI prints", { resourceOrder: "fifo", namespace: "gitops", components: ALL }],
  ];

  for (const [what, overrides] of optionSets) {
    it(`matches kustomize byte for byte: ${what}`, function () {
      requireTool(this, "kubectl");
      const options: FluxInstallOptions = { ...defaultFluxInstallOptions, version: FIXTURE_VERSION, ...overrides };
      const expected = withFluxOverlay(manifests, options, (dir) => kubectlKustomize(dir, options.resourceOrder ?? "legacy"));
      assert.equal(body(generateFluxComponents(manifests, options).content), expected);
    });
  }
});
