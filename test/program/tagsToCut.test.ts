import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { runProgram, runShippedStack, type ProgramRun } from "../support/programHarness";

const repositoryFile = "github:index/repositoryFile:RepositoryFile";
/** The commit the mocked GitHub answers for a file (test/support/programMocks.ts). */
function commitOf(run: ProgramRun, repository: string): string {
  const files = run.recorder.ofType(repositoryFile).filter((f) => f.inputs.repository === repository);
  const last = files[files.length - 1];
  return createHash("sha256").update(`${last.name}/${last.inputs.content}`).digest("hex").slice(0, 40);
}

/**
 * Day 1 of a stack that follows tags: the stack commits apps/overlays/<env>/kustomization.yaml to the
 * branch, so a tag cut earlier does not contain it and Flux reports "path not found" until a tag does.
 * The `tagsToCut` output (printed in the summary of `pulumi up`) names the tag and the commit.
 */
describe("program: day-1 promotion (tagsToCut)", () => {
  it("staging (apps on tag staging-v1.4.0): names the exact tag to cut in fleet-apps, at the commit holding the entry point", async () => {
    const run = await runShippedStack("staging");
    const sha = commitOf(run, "fleet-apps");
    assert.equal(
      run.outputs.tagsToCut,
      `fleet-apps: Flux follows tag staging-v1.4.0, which must contain apps/overlays/staging/. If staging-v1.4.0 does not exist yet (day 1) or predates that file, cut it at ${sha}, the commit where everything this stack wrote exists:\n` +
        `  git -C fleet-apps fetch origin && git -C fleet-apps tag staging-v1.4.0 ${sha} && git -C fleet-apps push origin staging-v1.4.0`,
    );
    assert.match(run.outputs.nextSteps, /On day 1, cut the tag that `pulumi stack output tagsToCut` names first\./);
    assert.ok(!run.secretOutputs.has("tagsToCut"));
  });

  it("prod: the prod tag, never staging's", async () => {
    const run = await runShippedStack("prod");
    assert.match(run.outputs.tagsToCut, /^fleet-apps: Flux follows tag prod-v\S+, /);
    assert.doesNotMatch(run.outputs.tagsToCut, /staging/);
  });

  it("dev (branches only): nothing to cut", async () => {
    const run = await runShippedStack("dev");
    assert.equal(run.outputs.tagsToCut, "none: every Flux source of this environment follows a branch");
    assert.doesNotMatch(run.outputs.nextSteps, /tagsToCut/);
  });

  it("a monorepo whose flux-system source follows a semver range: a version tag without prefix in the one repository", async () => {
    const run = await runProgram({
      stack: "staging",
      mutate: (v) => ((v.flux.ref = { semver: ">=1.0.0 <2.0.0" }), delete v.github.appsRepository),
    });
    assert.equal(run.error, undefined);
    const sha = commitOf(run, "fleet-infra");
    assert.equal(
      run.outputs.tagsToCut,
      `fleet-infra: Flux follows the highest version tag matching ">=1.0.0 <2.0.0", which must contain clusters/staging/. If no such tag exists yet (day 1), cut one (vX.Y.Z, no environment prefix: Flux reads tags as versions) at ${sha}:\n` +
        `  git -C fleet-infra fetch origin && git -C fleet-infra tag vX.Y.Z ${sha} && git -C fleet-infra push origin vX.Y.Z`,
    );
  });
});
