import assert from "node:assert/strict";
import { fluxInstallOptions, planEnvironment } from "../../plan/environmentPlan";
import { parseYamlDocuments } from "../../generators/yaml/parseYaml";
import { withFluxOverlay } from "../../bench/fluxOverlay";
import { kubectlKustomize } from "../support/kubectlKustomize";
import { loadFixtureRelease, loadSharedRelease, SHARED_FLUX_DIR } from "../../bench/fluxRelease";
import { requireTool } from "../support/realTools";
import { stackConfig } from "../render/renderSupport";

type Named = { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, any> };
const HEADER_LINES = 4;
const custom = (v: Record<string, any>) => {
  v.flux = {
    ...v.flux,
    version: "v2.9.0",
    namespace: "gitops-system",
    componentsExtra: ["image-reflector-controller", "image-automation-controller"],
    tolerationKeys: ["CriticalAddonsOnly"],
    logLevel: "debug",
  };
};

/**
 * `flux bootstrap github --namespace=gitops-system --path=clusters/dev` (fluxcd/flux2 v2.9.0):
 * pkg/manifestgen/install and sync write to path.Join(TargetPath, Namespace, file), the
 * kustomization.yaml goes next to them, and cmd/flux/bootstrap_github.go names the sync
 * GitRepository and Kustomization after the namespace while the Secret stays --secret-name (flux-system).
 */
describe("plan: a non-default flux.namespace, as flux bootstrap --namespace lays it out", () => {
  const cfg = stackConfig("dev", custom);
  const fixture = { ...loadFixtureRelease(), version: cfg.flux.version };
  const plan = planEnvironment(cfg, fixture);

  it("commits clusters/<env>/<namespace>/{gotk-components,gotk-sync,kustomization}.yaml and nothing under flux-system/", () => {
    assert.deepEqual(
      plan.fluxSystemFiles.map((f) => f.path),
      [
        "clusters/dev/gitops-system/gotk-components.yaml",
        "clusters/dev/gitops-system/gotk-sync.yaml",
        "clusters/dev/gitops-system/kustomization.yaml",
      ],
    );
    assert.ok(
      plan.files.every((f) => !f.path.includes("flux-system")),
      plan.files.map((f) => f.path).join("\n"),
    );
    assert.deepEqual(plan.wiringFiles.concat(plan.fluxSystemFiles), plan.files);
  });

  it("names the sync GitRepository and Kustomization after the namespace; the source Secret stays flux-system", () => {
    const [source, kustomization] = plan.syncObjects as unknown as Named[];
    assert.deepEqual([source.kind, source.metadata], ["GitRepository", { name: "gitops-system", namespace: "gitops-system" }]);
    assert.deepEqual(source.spec?.secretRef, { name: "flux-system" });
    assert.deepEqual(
      [kustomization.kind, kustomization.metadata],
      ["Kustomization", { name: "gitops-system", namespace: "gitops-system" }],
    );
    assert.deepEqual(kustomization.spec?.sourceRef, { kind: "GitRepository", name: "gitops-system" });
    assert.equal(kustomization.spec?.path, "./clusters/dev");
    const sync = plan.fluxSystemFiles[1].content({} as never);
    assert.deepEqual(parseYamlDocuments(sync.split("\n---\n").slice(1).join("\n---\n")), plan.syncObjects);
    assert.deepEqual(
      Object.values(plan.redactedSecrets).map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
      ["gitops-system/flux-system", "gitops-system/apps-deploy-key", "gitops-system/sops-age"],
    );
  });

  it("points the environment's Kustomizations at the namespace-named source (monorepo apps too)", () => {
    const mono = planEnvironment(
      stackConfig("dev", (v) => (custom(v), delete v.github.appsRepository)),
      fixture,
    );
    for (const p of [plan, mono]) {
      const infrastructure = parseYamlDocuments(
        p.files.find((f) => f.path === "clusters/dev/infrastructure.yaml")?.content({} as never) ?? "",
      ) as Named[];
      assert.deepEqual(infrastructure.find((o) => o.kind === "Kustomization")?.spec?.sourceRef, {
        kind: "GitRepository",
        name: "gitops-system",
      });
    }
    const apps = parseYamlDocuments(mono.files.find((f) => f.path === "clusters/dev/apps.yaml")?.content({} as never) ?? "") as Named[];
    assert.deepEqual(apps.find((o) => o.kind === "Kustomization")?.spec?.sourceRef, { kind: "GitRepository", name: "gitops-system" });
  });

  it("conformance (../shared, kubectl): gotk-components.yaml equals Flux v2.9.0's install overlay output object for object", function () {
    const shared = loadSharedRelease();
    if (shared === undefined) {
      if (process.env.REQUIRE_REAL_TOOLS === "1") throw new Error(`${SHARED_FLUX_DIR} is not there (REQUIRE_REAL_TOOLS=1)`);
      console.log(`      skipped: ${SHARED_FLUX_DIR} is not there`);
      this.skip();
    }
    requireTool(this, "kubectl");
    const real = planEnvironment(cfg, shared);
    const options = fluxInstallOptions(cfg);
    const expected = withFluxOverlay(shared, options, (dir) => parseYamlDocuments(kubectlKustomize(dir, "fifo"))) as Named[];
    const committed = real.fluxSystemFiles[0].content({} as never);
    const objects = parseYamlDocuments(committed.split("\n").slice(HEADER_LINES).join("\n")) as Named[];
    const key = (o: Named) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    assert.deepEqual(objects.map(key), expected.map(key), "the same objects in the flux CLI's order");
    for (let i = 0; i < expected.length; i++) assert.deepEqual(objects[i], expected[i], key(expected[i]));
    assert.deepEqual(real.components?.objects, expected, "the objects applied are the committed ones");
    assert.ok(
      expected.some(
        (o) => o.kind === "Deployment" && o.metadata.name === "image-automation-controller" && o.metadata.namespace === "gitops-system",
      ),
    );
  });
});
