import assert from "node:assert/strict";
import type { PlannedFile } from "../../../plan/repositoryFiles";
import { placeholderFacts, type DeployFacts } from "../../../plan/deployFacts";
import { githubProvider, recordComponent, usesProvider } from "../../support/componentHarness";
import type { RecordedResource, ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const facts: DeployFacts = { ...placeholderFacts, sopsAgeRecipient: "age1recipient", tenantId: "tenant-1" };
const file = (path: string, rest: Partial<PlannedFile> = {}): PlannedFile => ({
  repositoryRole: "infra",
  repository: "fleet-infra",
  path,
  owner: "stack",
  commitMessage: `Add ${path}`,
  usesDeployFacts: false,
  content: () => `static ${path}\n`,
  ...rest,
});
const files: PlannedFile[] = [
  file("infrastructure/overlays/dev/kustomization.yaml", { owner: "team" }),
  file("apps/overlays/dev/kustomization.yaml", { owner: "team" }),
  file("infrastructure/overlays/dev/.sops.yaml", { usesDeployFacts: true, content: (f) => `recipient: ${f.sopsAgeRecipient}\n` }),
  file("clusters/dev/infrastructure.yaml"),
];

describe("components/github/RepositoryFiles", () => {
  let recorder: ResourceRecorder;
  let committed: (path: string) => RecordedResource;

  before(async () => {
    ({ recorder } = await recordComponent(async () => {
      const github = await import("@pulumi/github");
      const { RepositoryFiles } = await import("../../../components/github/RepositoryFiles");
      const provider = await githubProvider();
      const repository = new github.Repository("repository-fleet-infra", { name: "fleet-infra" }, { provider });
      new RepositoryFiles("wiring-infra", {
        githubProvider: provider,
        repository: "fleet-infra",
        branch: "env/dev",
        files,
        skipPaths: new Set(["apps/overlays/dev/kustomization.yaml"]),
        facts,
        commitAuthor: { name: "aks-flux-gitops", email: "bot@example.com" },
        after: [repository],
      });
    }));
    committed = (path) => recorder.get(T.repositoryFile, `wiring-infra-${path}`);
  });

  it("commits each file as `<name>-<path>` under the component, with the branch, message, author and GitHub provider", () => {
    const component = recorder.get(T.repositoryFiles, "wiring-infra");
    const provider = recorder.get(T.githubProvider, "github");
    for (const path of [
      "infrastructure/overlays/dev/kustomization.yaml",
      "infrastructure/overlays/dev/.sops.yaml",
      "clusters/dev/infrastructure.yaml",
    ]) {
      const resource = committed(path);
      assert.equal(resource.options.parent, component.urn);
      assert.ok(usesProvider(resource, provider.urn));
      assert.deepEqual(
        [
          resource.inputs.repository,
          resource.inputs.branch,
          resource.inputs.file,
          resource.inputs.commitMessage,
          resource.inputs.commitAuthor,
          resource.inputs.commitEmail,
        ],
        ["fleet-infra", "env/dev", path, `Add ${path}`, "aks-flux-gitops", "bot@example.com"],
      );
    }
  });

  it("commits one file after the other, the first after the resources it is given (GitHub rejects concurrent commits)", () => {
    const order = recorder.ofType(T.repositoryFile);
    assert.deepEqual(
      order.map((r) => r.inputs.file),
      ["infrastructure/overlays/dev/kustomization.yaml", "infrastructure/overlays/dev/.sops.yaml", "clusters/dev/infrastructure.yaml"],
    );
    assert.deepEqual(order[0].options.dependencies, [recorder.get(T.repository, "repository-fleet-infra").urn]);
    for (let i = 1; i < order.length; i++)
      assert.deepEqual(order[i].options.dependencies, [order[i - 1].urn], String(order[i].inputs.file));
  });

  it("leaves an existing team-owned entry point alone, and creates the others once, then never changes or deletes them", () => {
    assert.equal(recorder.find(T.repositoryFile, "wiring-infra-apps/overlays/dev/kustomization.yaml"), undefined);
    const entry = committed("infrastructure/overlays/dev/kustomization.yaml");
    assert.equal(entry.inputs.overwriteOnCreate, false);
    assert.deepEqual([...entry.options.ignoreChanges].sort(), ["commitAuthor", "commitEmail", "commitMessage", "content"]);
    assert.equal(entry.options.retainOnDelete, true);
  });

  it("overwrites and owns the stack's files: no ignored fields, deleted on destroy", () => {
    const owned = committed("clusters/dev/infrastructure.yaml");
    assert.equal(owned.inputs.overwriteOnCreate, true);
    assert.deepEqual(owned.options.ignoreChanges, []);
    assert.equal(owned.options.retainOnDelete, false);
  });

  it("writes deploy facts into the files that use them and static content into the others", () => {
    assert.equal(committed("infrastructure/overlays/dev/.sops.yaml").inputs.content, "recipient: age1recipient\n");
    assert.equal(committed("clusters/dev/infrastructure.yaml").inputs.content, "static clusters/dev/infrastructure.yaml\n");
  });

  it("rejects a static file that reads a deploy fact (it would be written without it)", async () => {
    const { RepositoryFiles } = await import("../../../components/github/RepositoryFiles");
    const provider = await githubProvider();
    const lying = file("clusters/dev/lying.yaml", { content: (f) => f.tenantId });
    assert.throws(
      () =>
        new RepositoryFiles("lying", {
          githubProvider: provider,
          repository: "fleet-infra",
          files: [lying],
          facts,
          commitAuthor: { name: "a", email: "a@b" },
        }),
      /a static repository file read deploy fact tenantId/,
    );
  });
});
