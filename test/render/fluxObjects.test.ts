import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";
import { renderEnvironment } from "../../render/renderEnvironment";
import { requireSharedFlux } from "../support/sharedFlux";
import { requireTool, runTool } from "../support/realTools";
import { crdSchemas, layouts, releaseForRender, stackConfig, writeTree } from "./renderSupport";

describe("render: every Flux object is valid for Flux's CRDs, every kustomization builds", function () {
  const { manifests } = releaseForRender();
  const schemas = crdSchemas(manifests.files);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map([...schemas].map(([key, schema]) => [key, ajv.compile(schema)]));

  for (const [layout, mutate] of Object.entries(layouts)) {
    for (const stack of ["dev", "staging", "prod"]) {
      describe(`${stack}, ${layout}`, () => {
        let rendered: ReturnType<typeof renderEnvironment> = [];
        before(() => {
          rendered = renderEnvironment(stackConfig(stack, mutate), manifests);
        });

        it("validates every GitRepository and Kustomization against its CRD schema (Flux v2.9)", function () {
          requireSharedFlux(this, "manifests");
          const fluxObjects = rendered
            .filter((f) => !f.path.endsWith("gotk-components.yaml"))
            .flatMap((f) => parseAllDocuments(f.content).map((d) => ({ file: f.path, object: d.toJS() as any })))
            .filter(({ object }) => object && /toolkit\.fluxcd\.io\//.test(object.apiVersion));
          assert.equal(
            fluxObjects.length,
            layout === "monorepo" ? 6 : 7,
            "gotk-sync (2), infrastructure (1), apps (1, +1 source in two repositories), applied sync objects (2)",
          );
          for (const { file, object } of fluxObjects) {
            const validate = validators.get(`${object.apiVersion} ${object.kind}`);
            assert.ok(validate, `a CRD schema for ${object.apiVersion} ${object.kind}`);
            assert.ok(validate(object), `${file} ${object.kind}/${object.metadata.name}: ${ajv.errorsText(validate.errors)}`);
          }
        });

        it("builds every committed kustomization.yaml with kubectl kustomize", function () {
          requireTool(this, "kubectl");
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-kustomize-"));
          try {
            writeTree(dir, rendered);
            const kustomizations = rendered.filter((f) => f.path.startsWith("repos/") && f.path.endsWith("/kustomization.yaml"));
            assert.equal(kustomizations.length, 3);
            for (const file of kustomizations) {
              const output = runTool("kubectl", ["kustomize", path.join(dir, path.dirname(file.path))]);
              if (file.path.includes("/flux-system/")) {
                assert.match(output, /kind: GitRepository/);
                assert.match(output, /kind: Deployment/);
              }
            }
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        });
      });
    }
  }

  it("rejects an invalid object (the schema check can fail)", function () {
    requireSharedFlux(this, "manifests");
    const validate = validators.get("kustomize.toolkit.fluxcd.io/v1 Kustomization");
    assert.ok(validate);
    assert.equal(
      validate({
        apiVersion: "kustomize.toolkit.fluxcd.io/v1",
        kind: "Kustomization",
        metadata: { name: "x" },
        spec: { interval: "10m", sourceRef: { kind: "Bucket2", name: "x" }, prune: "yes" },
      }),
      false,
    );
  });
});
