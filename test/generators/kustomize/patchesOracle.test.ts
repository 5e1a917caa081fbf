import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { generateFluxSystemKustomization } from "../../../generators/flux/fluxSystemKustomization";
import { generateFluxComponents } from "../../../generators/flux/install/generateFluxComponents";
import { defaultFluxInstallOptions, FLUX_DEFAULT_COMPONENTS, FLUX_EXTRA_COMPONENTS } from "../../../generators/flux/install/options";
import { fluxSyncObjects, generateFluxSync, type FluxSyncOptions } from "../../../generators/flux/sync";
import { objectId, type KubeObject } from "../../../generators/kube/object";
import { applyPatches } from "../../../generators/kustomize/patches";
import { parseYamlDocuments } from "../../../generators/yaml/parseYaml";
import { FIXTURE_VERSION, loadFixtureRelease } from "../../../bench/fluxRelease";
import { requireTool, runTool } from "../../support/realTools";
import { patchCases } from "./patchCases";

/** Every controller but source-watcher, whose overlay has no patches to test. */
const ALL = [...FLUX_DEFAULT_COMPONENTS, ...FLUX_EXTRA_COMPONENTS].filter((c) => c !== "source-watcher");
const sync: FluxSyncOptions = {
  name: "flux-system",
  namespace: "flux-system",
  url: "ssh://git@github.com/acme/fleet-infra",
  ref: { branch: "main" },
  interval: "1m0s",
  path: "clusters/dev",
  secretName: "flux-system",
};

const byId = (objects: readonly KubeObject[]) => new Map(objects.map((o) => [objectId(o), o]));

/**
 * Oracle: the rendered flux-system directory (gotk-components.yaml, gotk-sync.yaml and
 * kustomization.yaml with `patches:`) built by kubectl kustomize, against the objects
 * the program applies (applyPatches over the same objects). Same set, same content.
 */
describe("flux.patches: the objects the program applies equal kubectl kustomize over flux-system (oracle)", () => {
  const components = generateFluxComponents(loadFixtureRelease(), {
    ...defaultFluxInstallOptions,
    version: FIXTURE_VERSION,
    components: ALL,
  });
  const objects = [...components.objects, ...fluxSyncObjects(sync)];

  for (const [what, patches] of patchCases) {
    it(`matches kustomize: ${what}`, function () {
      requireTool(this, "kubectl");
      const dir = mkdtempSync(path.join(tmpdir(), "flux-patches-"));
      try {
        writeFileSync(path.join(dir, "gotk-components.yaml"), components.content);
        writeFileSync(path.join(dir, "gotk-sync.yaml"), generateFluxSync(sync));
        writeFileSync(path.join(dir, "kustomization.yaml"), generateFluxSystemKustomization(patches));
        const expected = byId(parseYamlDocuments(runTool("kubectl", ["kustomize", dir])) as KubeObject[]);
        const actual = byId(applyPatches(objects, patches, (i, e) => assert.fail(`patch ${i}: ${e.message}`)));
        assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
        for (const [id, object] of actual) assert.deepEqual(object, expected.get(id), id);
        assert.notDeepEqual(actual, byId(objects), "the patches changed something");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
