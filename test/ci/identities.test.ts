import assert from "node:assert/strict";
import { Job, allJobs, environmentOf, pulumiSteps, read, setupStep, workflows } from "./workflowModel";

/**
 * Issue 15: which job can obtain which credential. Azure identities are federated to GitHub OIDC subjects
 * (docs/ci.md): a deploy identity to `environment:<deploy environment>` only, a reader identity to
 * `environment:read-<stack>`, and dev's reader also to `pull_request`. GitHub Environments are where a
 * job's variables and secrets come from and what restricts them to `main`, so the rules are about them.
 */
const deployEnvironment: Record<string, string> = { dev: "dev", staging: "staging", prod: "production" };
const deployEnvironments = new Set(Object.values(deployEnvironment));
const deploySecrets = ["GH_APP_PRIVATE_KEY", "GH_PAT"];
const stackOf = (job: Job): string => String(pulumiSteps(job)[0]?.with?.["stack-name"]);
const writes = (job: Job): boolean => pulumiSteps(job).some((s) => s.with?.command === "up");
const text = (job: Job): string => JSON.stringify(job);

describe("CI identities: a pull request cannot reach staging or production (issue 15)", () => {
  describe("preview.yml (runs the pull request's own code)", () => {
    const source = read(".github/workflows/preview.yml");

    it("references neither GH_PAT, nor the deploy App key, nor the environment-scoped identity variables", () => {
      for (const name of [...deploySecrets, "GH_APP_CLIENT_ID", "AZURE_CLIENT_ID", "PULUMI_BACKEND_URL", "PULUMI_ACCESS_TOKEN"]) {
        assert.doesNotMatch(source, new RegExp(`\\b(secrets|vars)\\.${name}\\b`), `preview.yml must not read ${name}`);
      }
    });

    it("enters no GitHub Environment, so it can never present an environment:<name> subject", () => {
      for (const [id, job] of Object.entries(workflows.preview.jobs)) assert.equal(job.environment, undefined, `preview.yml ${id}`);
    });

    it("logs in to Azure only as dev's reader identity, and previews only dev", () => {
      const azureJobs = Object.entries(workflows.preview.jobs).filter(([, j]) => setupStep(j));
      assert.deepEqual(
        azureJobs.map(([, j]) => setupStep(j)?.with?.["azure-client-id"]),
        ["${{ vars.AZURE_PREVIEW_CLIENT_ID }}"],
      );
      for (const [id, job] of azureJobs) {
        assert.deepEqual(
          pulumiSteps(job).map((s) => [s.with?.command, s.with?.["stack-name"]]),
          [["preview", "dev"]],
          `preview.yml ${id}`,
        );
        assert.equal(setupStep(job)?.with?.["backend-url"], "${{ vars.PULUMI_PREVIEW_BACKEND_URL }}", "dev's state container only");
        assert.equal(setupStep(job)?.with?.["github-permission"] ?? "read", "read");
      }
    });

    it("renders every stack offline with no id-token, no secret and no variable", () => {
      const render = Object.values(workflows.preview.jobs).find((j) => j.steps.some((s) => /npm run render/.test(s.run ?? "")));
      assert.ok(render, "a render job");
      assert.equal(render.permissions?.["id-token"], undefined);
      assert.doesNotMatch(text(render), /\b(secrets|vars)\./);
      assert.equal(render.strategy?.matrix?.stack, "${{ fromJSON(needs.stacks.outputs.stacks) }}");
    });
  });

  describe("deploy.yml and drift.yml (main only)", () => {
    it("runs every pulumi up in its stack's deploy Environment (dev, staging, production), and only there", () => {
      for (const [w, id, job] of allJobs()) {
        const environment = environmentOf(job);
        if (writes(job)) assert.equal(environment, deployEnvironment[stackOf(job)], `${w}.yml ${id}: up on ${stackOf(job)}`);
        else
          assert.ok(environment === undefined || !deployEnvironments.has(environment), `${w}.yml ${id}: only deploys enter ${environment}`);
      }
    });

    it("hands GH_PAT and the deploy App key only to jobs in a deploy Environment, asking for write", () => {
      for (const [w, id, job] of allJobs()) {
        const reads = deploySecrets.filter((s) => text(job).includes(`secrets.${s}`));
        if (reads.length === 0) continue;
        assert.ok(
          deployEnvironments.has(environmentOf(job) ?? ""),
          `${w}.yml ${id} reads ${reads.join(", ")} outside a deploy Environment`,
        );
        assert.equal(setupStep(job)?.with?.["github-permission"], "write", `${w}.yml ${id}`);
      }
    });

    it("takes the Azure identity of every main-only job from its Environment's AZURE_CLIENT_ID", () => {
      for (const w of ["deploy", "drift"] as const) {
        for (const [id, job] of Object.entries(workflows[w].jobs).filter(([, j]) => setupStep(j))) {
          assert.ok(environmentOf(job), `${w}.yml ${id}: an Environment decides its identity`);
          assert.equal(setupStep(job)?.with?.["azure-client-id"], "${{ vars.AZURE_CLIENT_ID }}", `${w}.yml ${id}`);
        }
      }
    });

    it("previews staging and production with their reader identity before the reviewers approve the deploy", () => {
      for (const stack of ["staging", "prod"]) {
        const [deployId, deploy] = Object.entries(workflows.deploy.jobs).find(([, j]) => writes(j) && stackOf(j) === stack) ?? [];
        assert.ok(deploy, `a deploy job for ${stack}`);
        const needs = ([] as string[]).concat(deploy.needs ?? []);
        const preview = needs.map((n) => workflows.deploy.jobs[n]).find((j) => environmentOf(j) === `read-${stack}`);
        assert.ok(preview, `${deployId} needs a job in read-${stack}`);
        assert.deepEqual(
          pulumiSteps(preview).map((s) => [s.with?.command, s.with?.["stack-name"], s.with?.diff]),
          [["preview", stack, true]],
        );
        assert.equal(setupStep(preview)?.with?.["github-permission"] ?? "read", "read");
      }
    });

    it("checks drift of each stack with its reader identity, in read-<stack>", () => {
      const [job] = Object.values(workflows.drift.jobs).filter((j) => pulumiSteps(j).length > 0);
      assert.equal(environmentOf(job), "read-${{ matrix.stack }}");
      assert.equal(setupStep(job)?.with?.["github-app-private-key"], "${{ secrets.GH_READ_APP_PRIVATE_KEY }}");
    });
  });

  it("docs/ci.md federates each deploy identity to its deploy Environment only, and no identity to a branch", () => {
    const doc = read("docs/ci.md");
    assert.match(doc, /```mermaid/);
    for (const environment of deployEnvironments)
      assert.ok(doc.includes(`environment:${environment}`), `docs/ci.md names environment:${environment}`);
    assert.doesNotMatch(doc, /ref:refs\/heads\//, "no identity trusts a branch subject");
  });
});
