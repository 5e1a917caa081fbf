import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { marshalYamlDocuments } from "../../../generators/yaml/goYaml";
import { requireTool, runTool } from "../../support/realTools";
import { blockCases, collectionCases, foldingCases, numberCases, quotingCases, SORTED_KEYS } from "./goYamlCases";

/** Oracle: kubectl kustomize prints resources with sigs.k8s.io/yaml, the output marshalYaml reproduces. */
describe("marshalYaml against kubectl kustomize (oracle)", () => {
  it("prints every table case and a key-order probe byte for byte as kustomize does", function () {
    requireTool(this, "kubectl");
    const values: unknown[] = [...quotingCases, ...blockCases, ...foldingCases, ...numberCases, ...collectionCases].map(([, v]) => v);
    values.push(Object.fromEntries([...SORTED_KEYS].reverse().map((key) => [key, "v"])));
    values.push({ ["k".repeat(129)]: "complex key", nested: [{ deep: [{ deeper: `${"long ".repeat(30)}end` }] }] });
    const resources = values.map((v, i) => ({
      apiVersion: "test.example.com/v1",
      kind: "YamlProbe",
      metadata: { name: `probe-${String(i).padStart(3, "0")}` },
      v,
    }));
    const dir = mkdtempSync(path.join(tmpdir(), "goyaml-oracle-"));
    try {
      resources.forEach((r, i) => writeFileSync(path.join(dir, `r${i}.json`), JSON.stringify(r)));
      writeFileSync(path.join(dir, "kustomization.yaml"), `resources:\n${resources.map((_, i) => `- r${i}.json`).join("\n")}\n`);
      assert.equal(marshalYamlDocuments(resources), runTool("kubectl", ["kustomize", dir]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
