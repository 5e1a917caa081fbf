import { strict as assert } from "node:assert";
import type { KubeObject } from "../../../generators/kube/object";
import { applyPatches } from "../../../generators/kustomize/patches";
import type { KustomizePatch, PatchError } from "../../../generators/kustomize/patchTypes";

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "source-controller", namespace: "flux-system" },
  spec: { template: { spec: { containers: [{ name: "manager", args: ["--a"], env: [{ name: "A", value: "1" }] }] } } },
};

function failure(patch: KustomizePatch): { index: number; field: string; message: string } {
  let caught: { index: number; field: string; message: string } | undefined;
  try {
    applyPatches(
      [deployment],
      [{ patch: "- op: add\n  path: /metadata/labels\n  value: {}\n", target: { kind: "Deployment" } }, patch],
      (index: number, error: PatchError) => {
        caught = { index, field: error.field, message: error.message };
        throw error;
      },
    );
  } catch {
    // reported through onError
  }
  assert.ok(caught, "the patch was refused");
  return caught;
}

describe("kustomize patches", () => {
  it("applies patches in order and leaves the input objects alone", () => {
    const [patched] = applyPatches(
      [deployment],
      [
        { patch: "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --b\n", target: { kind: "Deployment" } },
        { patch: "- op: replace\n  path: /spec/template/spec/containers/0/args/1\n  value: --c\n", target: { name: "source-.*" } },
      ],
      () => assert.fail("no error expected"),
    );
    assert.deepEqual((patched.spec as any).template.spec.containers[0].args, ["--a", "--c"]);
    assert.deepEqual((deployment.spec as any).template.spec.containers[0].args, ["--a"]);
  });

  it("matches names as anchored regular expressions, as kustomize does", () => {
    const [patched] = applyPatches(
      [deployment],
      [{ patch: "- op: add\n  path: /spec/replicas\n  value: 2\n", target: { name: "source" } }],
      () => assert.fail(),
    );
    assert.equal((patched.spec as any).replicas, undefined);
  });

  const rejects: [string, KustomizePatch, RegExp, string][] = [
    ["rejects a JSON 6902 patch without a target", { patch: "- op: add\n  path: /x\n  value: 1\n" }, /needs a target/, "target"],
    [
      "rejects an unknown operation",
      { patch: "- op: merge\n  path: /x\n", target: { kind: "Deployment" } },
      /op: add, remove, replace, move, copy or test/,
      "patch",
    ],
    [
      "rejects a path that does not exist",
      { patch: "- op: replace\n  path: /spec/nothing/here\n  value: 1\n", target: { kind: "Deployment" } },
      /path does not exist/,
      "patch",
    ],
    [
      "rejects a list index out of range",
      { patch: "- op: add\n  path: /spec/template/spec/containers/0/args/5\n  value: x\n", target: { kind: "Deployment" } },
      /out of range/,
      "patch",
    ],
    [
      "rejects strategic merge directives",
      {
        patch:
          "kind: Deployment\nmetadata:\n  name: source-controller\nspec:\n  template:\n    spec:\n      containers:\n      - name: manager\n        $patch: delete\n",
        target: { kind: "Deployment" },
      },
      /directive \$patch/,
      "patch",
    ],
    [
      "rejects a null label (kustomize would write the string null)",
      { patch: "kind: Deployment\nmetadata:\n  name: x\n  labels:\n    a: null\n", target: { kind: "Deployment" } },
      /JSON 6902 patch \(op: remove\)/,
      "patch",
    ],
    [
      "rejects an untargeted strategic merge patch that matches nothing",
      { patch: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\nspec:\n  replicas: 2\n" },
      /no object matches/,
      "patch",
    ],
    [
      "rejects an invalid regular expression in the target",
      { patch: "- op: add\n  path: /x\n  value: 1\n", target: { name: "(unclosed" } },
      /not a regular expression/,
      "target",
    ],
    [
      "rejects an unknown target field",
      { patch: "- op: add\n  path: /x\n  value: 1\n", target: { kinds: "Deployment" } as never },
      /target.kinds is not a target field/,
      "target",
    ],
    [
      "rejects several documents in one patch",
      { patch: "kind: A\n---\nkind: B\n", target: { kind: "Deployment" } },
      /2 YAML documents/,
      "patch",
    ],
    [
      "rejects a scalar patch",
      { patch: "just text", target: { kind: "Deployment" } },
      /list of JSON 6902 operations or one object/,
      "patch",
    ],
    [
      "rejects an associative list item without its merge key",
      { patch: "spec:\n  template:\n    spec:\n      containers:\n      - image: x\n", target: { kind: "Deployment" } },
      /merge key name/,
      "patch",
    ],
  ];
  for (const [name, patch, message, field] of rejects) {
    it(name, () => {
      const caught = failure(patch);
      assert.equal(caught.index, 1, "the failing patch's index");
      assert.equal(caught.field, field);
      assert.match(caught.message, message);
    });
  }
});
