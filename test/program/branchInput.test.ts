import assert from "node:assert/strict";
import { runProgram, type ProgramRun } from "../support/programHarness";
import type { MockOptions } from "../support/programMocks";

const repositoryFile = "github:index/repositoryFile:RepositoryFile";
const created = (run: ProgramRun) => run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
const fileInputs = (run: ProgramRun) =>
  run.recorder
    .ofType(repositoryFile)
    .map((f) => ({ name: f.name, repository: f.inputs.repository, file: f.inputs.file, branch: f.inputs.branch ?? "(omitted)" }));

/**
 * `branch` of github_repository_file is Optional, Computed and ForceNew
 * (integrations/terraform-provider-github resource_github_repository_file.go): omitted, the file lands on
 * the default branch; changed, every file is replaced, and a replacement on the same branch deletes the
 * file after re-creating it. So no run may change the input: a lookup either answers, or stops the program.
 */
describe("program: the branch input of committed files is stable across runs", () => {
  for (const failure of ["error", "not found"] as const) {
    it(`rejects a repository lookup that fails (${failure}) before any resource, naming the key and what to check`, async () => {
      const run = await runProgram({ stack: "staging", mocks: { repositoryLookup: failure } });
      assert.ok(run.error, "the program stops");
      assert.equal(run.error.constructor.name, "RunError");
      assert.match(
        run.error.message,
        /^aks-flux-gitops:github\.infraRepository: cannot read repository acme-platform\/fleet-infra on github\.com \(/,
      );
      // Under mocks an invoke error carries no message; a real one reads "Invoke of 'github:index/getRepository:getRepository' failed: ...".
      assert.match(
        run.error.message,
        failure === "error" ? /on github\.com \((the lookup failed|.*401 Bad credentials.*)\); / : /on github\.com \(not found\); /,
      );
      assert.match(
        run.error.message,
        /check aks-flux-gitops:github\.owner, the repository name and that GITHUB_TOKEN can read it, or set aks-flux-gitops:github\.createRepositories to true/,
      );
      assert.deepEqual(
        created(run).map((r) => r.type),
        [],
        "nothing registered but the provider",
      );
    });
  }

  const scenarios: [string, (v: Record<string, any>) => void, MockOptions, string][] = [
    ["default branch is github.branch", () => undefined, {}, "(omitted)"],
    ["default branch differs", () => undefined, { defaultBranch: "trunk" }, "main"],
    [
      "createRepositories, first run (no repository yet)",
      (v) => (v.github.createRepositories = true),
      { repositoryLookup: "not found" },
      "(omitted)",
    ],
    ["createRepositories, second run", (v) => (v.github.createRepositories = true), {}, "(omitted)"],
    [
      "createRepositories, a later run whose lookup fails",
      (v) => (v.github.createRepositories = true),
      { repositoryLookup: "error" },
      "(omitted)",
    ],
    [
      "createRepositories, default branch changed behind the stack's back",
      (v) => (v.github.createRepositories = true),
      { defaultBranch: "trunk" },
      "(omitted)",
    ],
  ];
  for (const [what, mutate, mocks, expected] of scenarios) {
    it(`${what}: every file resolves to github.branch (branch ${expected})`, async () => {
      const run = await runProgram({ stack: "dev", mutate, mocks });
      assert.equal(run.error, undefined, run.error?.message);
      const files = fileInputs(run);
      assert.ok(files.length >= 8);
      for (const f of files) assert.equal(f.branch, expected, String(f.file));
    });
  }

  it("createRepositories: the first and second run give every file identical inputs, and the repositories default to github.branch", async () => {
    const mutate = (v: Record<string, any>) => ((v.github.createRepositories = true), (v.github.branch = "gitops"));
    const first = await runProgram({ stack: "staging", mutate, mocks: { repositoryLookup: "not found" } });
    const second = await runProgram({ stack: "staging", mutate, mocks: { defaultBranch: "gitops" } });
    const inputs = (run: ProgramRun) => run.recorder.ofType(repositoryFile).map((f) => ({ name: f.name, ...f.inputs, content: undefined }));
    assert.deepEqual(inputs(second), inputs(first));
    const defaults = first.recorder.ofType("github:index/branchDefault:BranchDefault");
    assert.deepEqual(
      defaults.map((d) => [d.inputs.branch, d.inputs.rename]),
      [
        ["gitops", true],
        ["gitops", true],
      ],
    );
    const firstCommits = first.recorder
      .ofType(repositoryFile)
      .filter((f) => !f.options.dependencies.some((d) => d.includes("RepositoryFile")));
    for (const commit of firstCommits)
      assert.ok(
        defaults.some((d) => commit.options.dependencies.includes(d.urn)),
        `${commit.inputs.file} waits for the default branch`,
      );
  });
});
