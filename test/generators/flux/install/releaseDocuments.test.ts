import { strict as assert } from "node:assert";
import { generateFluxComponents } from "../../../../generators/flux/install/generateFluxComponents";
import { defaultFluxInstallOptions } from "../../../../generators/flux/install/options";
import { releaseDocuments } from "../../../../generators/flux/install/releaseDocuments";
import { parseYamlDocuments } from "../../../../generators/yaml/parseYaml";
import { FIXTURE_VERSION, loadFixtureRelease } from "../../../../bench/fluxRelease";

describe("releaseDocuments (the parsed release, cached per file)", () => {
  const manifests = loadFixtureRelease();

  it("reads a file as parseYamlDocuments does and hands every caller its own copy", () => {
    const text = manifests.files["source-controller.yaml"];
    const first = releaseDocuments(text) as { metadata: { name: string } }[];
    assert.deepEqual(first, parseYamlDocuments(text));
    first[0].metadata.name = "changed by a caller";
    const second = releaseDocuments(text) as { metadata: { name: string } }[];
    assert.notEqual(second, first);
    assert.notEqual(second[0].metadata.name, "changed by a caller");
    assert.deepEqual(second, parseYamlDocuments(text));
  });

  it("never lets one generation's changes reach the next: another namespace in between changes nothing", () => {
    const options = { ...defaultFluxInstallOptions, version: FIXTURE_VERSION };
    const before = generateFluxComponents(manifests, options).content;
    const other = generateFluxComponents(manifests, {
      ...options,
      namespace: "gitops",
      registry: "",
      tolerationKeys: ["dedicated"],
    }).content;
    assert.notEqual(other, before);
    assert.equal(generateFluxComponents(manifests, options).content, before);
  });

  it("keys the cache by content: an edited copy of a release file under the same version is read anew", () => {
    const options = { ...defaultFluxInstallOptions, version: FIXTURE_VERSION };
    generateFluxComponents(manifests, options);
    const text = manifests.files["helm-controller.yaml"];
    const edited = {
      ...manifests,
      files: {
        ...manifests.files,
        "helm-controller.yaml": text.replace(/^(\s+)name: helm-controller$/m, "$1name: helm-controller-edited"),
      },
    };
    assert.notEqual(edited.files["helm-controller.yaml"], text, "the fixture has the line the test edits");
    assert.match(generateFluxComponents(edited, options).content, /helm-controller-edited/);
  });
});
