import assert from "node:assert/strict";
import { sameDocuments, type HandEditCheck } from "../../../components/github/handEdits";
import { githubProvider, recordComponent } from "../../support/componentHarness";
import type { MockOptions } from "../../support/programMocks";

const path = "clusters/dev/flux-system/kustomization.yaml";
const expected = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-components.yaml\n- gotk-sync.yaml\n";
const check: HandEditCheck = { repository: "fleet-infra", path, branch: undefined, expected, stackEmail: "bot@example.com" };
const handEdited = `${expected}patches:\n- patch: |\n    - op: add\n      path: /spec/template/spec/priorityClassName\n      value: system\n`;

/** The problem handEditProblem reports, and what it told onUnreadable, against a mocked GitHub. */
async function problemWith(mocks: MockOptions, the: HandEditCheck = check): Promise<{ problem?: string; unreadable: string[] }> {
  const unreadable: string[] = [];
  const { value: problem } = await recordComponent(async () => {
    const { handEditProblem } = await import("../../../components/github/handEdits");
    return handEditProblem(the, await githubProvider(), (message) => unreadable.push(message));
  }, mocks);
  return { problem, unreadable };
}
const file = (content: string, commitEmail: string) =>
  new Map([[`fleet-infra/${path}`, { content, commitAuthor: "Jane Doe", commitEmail }]]);

describe("components/github/handEdits", () => {
  describe("sameDocuments", () => {
    it("compares YAML values, not text: key order, quoting and comments do not matter", () => {
      assert.equal(sameDocuments("b: 1\na: 'x' # note\n", "a: x\nb: 1\n"), true);
      assert.equal(sameDocuments("a: x\nb: 2\n", "a: x\nb: 1\n"), false);
      assert.equal(sameDocuments("a: x\n", "a: x\nb: 1\n"), false, "a missing key differs");
      assert.equal(sameDocuments("- a\n- b\n", "- b\n- a\n"), false, "list order matters");
    });

    it("lets a deploy-time placeholder stand for any text, and only there", () => {
      const withPlaceholder = 'value: "id-<unknown until deploy: flux workload identity client id>-x"\n';
      assert.equal(sameDocuments("value: id-0f1e2d3c-x\n", withPlaceholder), true);
      assert.equal(sameDocuments("value: other-0f1e2d3c-x\n", withPlaceholder), false);
      assert.equal(
        sameDocuments('value: "id-<unknown until deploy: x>"\n', "value: id-0f1e2d3c\n"),
        false,
        "only the expected side has placeholders",
      );
    });

    it("treats a file that is not YAML as different", () => {
      assert.equal(sameDocuments("a: [unclosed\n", "a: 1\n"), false);
    });
  });

  describe("handEditProblem", () => {
    it("reports a hand edit that says more than flux.patches: the commit, its author and how to keep the change", async () => {
      const { problem } = await problemWith({ repositoryFiles: file(handEdited, "jane@example.com") });
      assert.equal(
        problem,
        `fleet-infra/${path} was changed by hand (last commit fedc3210aa55 by Jane Doe <jane@example.com>, not by this stack) ` +
          "and says something aks-flux-gitops:flux.patches does not. The next up would overwrite it: move the change into aks-flux-gitops:flux.patches " +
          '(docs/flux.md, "Patching the controllers") until the file built from config matches it, or revert that commit.',
      );
    });

    it("has nothing to say about the stack's own commit, a hand edit that matches config, or a missing file", async () => {
      assert.equal((await problemWith({ repositoryFiles: file(handEdited, "bot@example.com") })).problem, undefined);
      assert.equal(
        (
          await problemWith({
            repositoryFiles: file(expected.replace("kind: Kustomization\n", "kind: Kustomization # same\n"), "jane@example.com"),
          })
        ).problem,
        undefined,
      );
      const missing = await problemWith({});
      assert.deepEqual(missing, { problem: undefined, unreadable: [] });
    });
  });
});
