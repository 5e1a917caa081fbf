import assert from "node:assert/strict";
import type { RepoWiring as RepoWiringType } from "../../../components/wiring/RepoWiring";
import type { PlannedFile } from "../../../plan/repositoryFiles";
import { placeholderFacts } from "../../../plan/deployFacts";
import { githubProvider, recordComponent } from "../../support/componentHarness";
import type { ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const planned = (repositoryRole: "infra" | "apps", repository: string, path: string, owner: "stack" | "team" = "stack"): PlannedFile => ({
  repositoryRole,
  repository,
  path,
  owner,
  commitMessage: `Add ${path}`,
  usesDeployFacts: false,
  content: () => `# ${path}\n`,
});

async function wire(name: string, files: PlannedFile[], skipPaths?: Map<string, Set<string>>) {
  return recordComponent(async () => {
    const { RepoWiring } = await import("../../../components/wiring/RepoWiring");
    return new RepoWiring(name, {
      githubProvider: await githubProvider(),
      files,
      branchFor: (repository) => (repository === "fleet-apps" ? "release" : undefined),
      skipPaths,
      facts: placeholderFacts,
      commitAuthor: { name: "aks-flux-gitops", email: "bot@example.com" },
    });
  });
}

describe("components/wiring/RepoWiring", () => {
  describe("two repositories", () => {
    let recorder: ResourceRecorder;
    let wiring: RepoWiringType;

    before(async () => {
      ({ recorder, value: wiring } = await wire(
        "wiring",
        [
          planned("infra", "fleet-infra", "infrastructure/overlays/dev/kustomization.yaml", "team"),
          planned("apps", "fleet-apps", "apps/overlays/dev/kustomization.yaml", "team"),
          planned("infra", "fleet-infra", "clusters/dev/apps.yaml"),
          planned("apps", "fleet-apps", "apps/overlays/dev/.sops.yaml"),
        ],
        new Map([["fleet-apps", new Set(["apps/overlays/dev/kustomization.yaml"])]]),
      ));
    });

    it("commits to each repository through its own RepositoryFiles, named after the repository's role", () => {
      const component = recorder.get(T.repoWiring, "wiring");
      const perRepository = recorder.ofType(T.repositoryFiles);
      assert.deepEqual(
        perRepository.map((r) => r.name),
        ["wiring-infra", "wiring-apps"],
      );
      for (const r of perRepository) assert.equal(r.options.parent, component.urn);
      assert.deepEqual([...wiring.commitsByRepository.keys()], ["fleet-infra", "fleet-apps"]);
    });

    it("keeps each repository's files in plan order, on the branch branchFor gives it", () => {
      const infra = recorder.ofType(T.repositoryFile).filter((f) => f.name.startsWith("wiring-infra-"));
      assert.deepEqual(
        infra.map((f) => f.inputs.file),
        ["infrastructure/overlays/dev/kustomization.yaml", "clusters/dev/apps.yaml"],
      );
      assert.ok(infra.every((f) => f.inputs.repository === "fleet-infra" && f.inputs.branch === undefined));
      const apps = recorder.get(T.repositoryFile, "wiring-apps-apps/overlays/dev/.sops.yaml");
      assert.deepEqual([apps.inputs.repository, apps.inputs.branch], ["fleet-apps", "release"]);
    });

    it("skips the existing team-owned paths of the repository they belong to only", () => {
      assert.equal(recorder.find(T.repositoryFile, "wiring-apps-apps/overlays/dev/kustomization.yaml"), undefined);
      assert.ok(recorder.find(T.repositoryFile, "wiring-infra-infrastructure/overlays/dev/kustomization.yaml"));
      assert.equal(wiring.commitsByRepository.get("fleet-apps")?.files.length, 1);
    });
  });

  it("commits a monorepo's infra and apps files through one RepositoryFiles, in plan order", async () => {
    const { recorder, value } = await wire("mono", [
      planned("infra", "fleet", "infrastructure/overlays/dev/kustomization.yaml", "team"),
      planned("apps", "fleet", "apps/overlays/dev/kustomization.yaml", "team"),
    ]);
    assert.deepEqual(
      recorder.ofType(T.repositoryFiles).map((r) => r.name),
      ["mono-infra"],
    );
    assert.deepEqual(
      recorder.ofType(T.repositoryFile).map((f) => f.inputs.file),
      ["infrastructure/overlays/dev/kustomization.yaml", "apps/overlays/dev/kustomization.yaml"],
    );
    assert.deepEqual([...value.commitsByRepository.keys()], ["fleet"]);
  });
});
