import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { generateFluxComponents } from "../../../../generators/flux/install/generateFluxComponents";
import { defaultFluxInstallOptions } from "../../../../generators/flux/install/options";
import { parseYamlDocuments } from "../../../../generators/yaml/parseYaml";
import { loadSharedRelease, SHARED_FLUX_DIR } from "../../../../bench/fluxRelease";
import { requireSharedFlux } from "../../../support/sharedFlux";

const HEADER_LINES = 4;

/**
 * Conformance with Flux v2.9.0's real release and its reference install output in
 * ../shared (when present; this is reference data, not a tool, so it skips elsewhere).
 */
describe("generateFluxComponents conformance with Flux v2.9.0 (../shared)", () => {
  const manifests = loadSharedRelease();
  const cases: [string, string[]][] = [
    ["install-default.yaml", []],
    ["install-source-watcher.yaml", ["source-watcher"]],
  ];

  for (const [expectedFile, extras] of cases) {
    it(`reproduces expected/${expectedFile} (kustomize's legacy order): same documents in the same order, and the same bytes`, function () {
      const expectedPath = path.join(SHARED_FLUX_DIR, "expected", expectedFile);
      requireSharedFlux(this, path.join("expected", expectedFile));
      if (manifests === undefined) throw new Error(`${SHARED_FLUX_DIR}/manifests is missing`);
      const expected = readFileSync(expectedPath, "utf8");
      const options = {
        ...defaultFluxInstallOptions,
        version: "v2.9.0",
        components: [...defaultFluxInstallOptions.components, ...extras],
        resourceOrder: "legacy" as const,
      };
      const { content, objects } = generateFluxComponents(manifests, options);
      assert.equal(content.split("\n")[3], `# Components: ${options.components.join(",")}`);
      const body = content.split("\n").slice(HEADER_LINES).join("\n");
      assert.deepEqual(parseYamlDocuments(body), parseYamlDocuments(expected));
      assert.deepEqual(objects, parseYamlDocuments(expected));
      assert.equal(body, expected);
    });
  }

  for (const [expectedFile, extras] of cases) {
    it(`writes the objects of expected/${expectedFile} in the flux CLI's input order (the product's default)`, function () {
      const expectedPath = path.join(SHARED_FLUX_DIR, "expected", expectedFile);
      requireSharedFlux(this, path.join("expected", expectedFile));
      if (manifests === undefined) throw new Error(`${SHARED_FLUX_DIR}/manifests is missing`);
      const expected = parseYamlDocuments(readFileSync(expectedPath, "utf8")) as { kind: string; metadata: { name: string } }[];
      const options = { ...defaultFluxInstallOptions, version: "v2.9.0", components: [...defaultFluxInstallOptions.components, ...extras] };
      const { objects } = generateFluxComponents(manifests, options);
      const key = (o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`;
      const byKey = new Map(expected.map((o) => [key(o), o]));
      assert.deepEqual(objects.map(key).sort(), expected.map(key).sort(), "the same objects");
      for (const object of objects) assert.deepEqual(object, byKey.get(key(object)), key(object));
      assert.deepEqual(
        objects.slice(0, 4).map(key),
        ["Namespace/flux-system", "NetworkPolicy/allow-egress", "NetworkPolicy/allow-scraping", "NetworkPolicy/allow-webhooks"],
        "namespace.yaml, then policies.yaml, as Flux's overlay lists them",
      );
    });
  }

  it("reads every release file with the yaml package into Kubernetes objects, one per document", function () {
    requireSharedFlux(this, "manifests");
    if (manifests === undefined) throw new Error(`${SHARED_FLUX_DIR}/manifests is missing`);
    for (const [name, text] of Object.entries(manifests.files)) {
      const documents = parseYamlDocuments(text) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } }[];
      assert.equal(documents.length, text.split(/^---$/m).filter((d) => /^kind:/m.test(d)).length, name);
      for (const d of documents)
        assert.ok(typeof d.apiVersion === "string" && typeof d.kind === "string" && typeof d.metadata?.name === "string", name);
    }
  });
});
