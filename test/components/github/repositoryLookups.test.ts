import assert from "node:assert/strict";
import { branchInput, RepositoryLookupError } from "../../../components/github/repositoryLookups";
import type { PlannedFile } from "../../../plan/repositoryFiles";
import { githubProvider, recordComponent } from "../../support/componentHarness";
import type { MockOptions } from "../../support/programMocks";

async function defaultBranch(mocks: MockOptions): Promise<string | Error> {
  const { value } = await recordComponent(async () => {
    const { defaultBranchOf } = await import("../../../components/github/repositoryLookups");
    return defaultBranchOf("fleet-infra", await githubProvider()).catch((error: Error) => error);
  }, mocks);
  return value;
}

const entryPoint = (repository: string, path: string, commitMessage: string): PlannedFile => ({
  repositoryRole: repository === "fleet-apps" ? "apps" : "infra",
  repository,
  path,
  owner: "team",
  commitMessage,
  usesDeployFacts: false,
  content: () => "resources: []\n",
});

describe("components/github/repositoryLookups", () => {
  describe("defaultBranchOf", () => {
    it("answers the repository's default branch", async () => {
      assert.equal(await defaultBranch({ defaultBranch: "trunk" }), "trunk");
    });

    it("fails on a repository GitHub answers with a 404 (empty fields), instead of guessing", async () => {
      const error = await defaultBranch({ repositoryLookup: "not found" });
      assert.ok(error instanceof RepositoryLookupError);
      assert.equal(error.message, "not found");
    });

    it("fails when the lookup itself fails (under mocks the invoke's error has no message: it says so)", async () => {
      const error = await defaultBranch({ repositoryLookup: "error" });
      assert.ok(error instanceof RepositoryLookupError);
      assert.equal(error.message, "the lookup failed");
    });
  });

  describe("branchInput", () => {
    it("omits the branch exactly when it is the default branch or the stack creates the repository, so the input never changes", () => {
      assert.equal(branchInput("main", "main"), undefined);
      assert.equal(branchInput("main", "created by the stack"), undefined);
      assert.equal(branchInput("env/dev", "main"), "env/dev");
    });
  });

  describe("teamOwnedPathsToSkip", () => {
    it("skips the team's entry points that exist and were changed since the stack created them, per repository", async () => {
      const files = [
        entryPoint("fleet-infra", "infrastructure/overlays/dev/kustomization.yaml", "Add infrastructure entry point (dev)"),
        entryPoint("fleet-apps", "apps/overlays/dev/kustomization.yaml", "Add apps entry point (dev)"),
        entryPoint("fleet-apps", "apps/overlays/dev/extra.yaml", "Add extra (dev)"),
        { ...entryPoint("fleet-infra", "clusters/dev/apps.yaml", "Reconcile apps"), owner: "stack" as const },
      ];
      const existing = new Map([
        ["fleet-infra/infrastructure/overlays/dev/kustomization.yaml", "Add infrastructure entry point (dev)"],
        ["fleet-apps/apps/overlays/dev/kustomization.yaml", "Add the payments app"],
        ["fleet-infra/clusters/dev/apps.yaml", "Edited by hand"],
      ]);
      const { value: skip } = await recordComponent(
        async () => {
          const { teamOwnedPathsToSkip } = await import("../../../components/github/repositoryLookups");
          return teamOwnedPathsToSkip(files, () => undefined, await githubProvider());
        },
        { existingRepositoryFiles: existing },
      );
      // Still as the stack created it: declared (and ignored); changed by the team: skipped; missing: created; stack-owned: never skipped.
      assert.deepEqual(
        [...skip.entries()].map(([repository, paths]) => [repository, [...paths]]),
        [["fleet-apps", ["apps/overlays/dev/kustomization.yaml"]]],
      );
    });
  });
});
