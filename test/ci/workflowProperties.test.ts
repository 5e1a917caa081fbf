import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  Job,
  actionName,
  allJobs,
  allSteps,
  environmentOf,
  expandedSteps,
  isPulumi,
  isTrue,
  needsOf,
  pulumiSteps,
  read,
  root,
  runBash,
  setup,
  workflowNames,
  workflows,
} from "./workflowModel";

/** The properties the CI design relies on, read from `.github/` (docs/ci.md explains each). */
describe("CI workflows", () => {
  describe("permissions", () => {
    it("start from none in every workflow", () => {
      for (const w of workflowNames) assert.deepEqual(workflows[w].permissions, {}, `${w}.yml: top-level permissions must be {}`);
    });

    it("grant id-token: write exactly to the jobs that log in to Azure", () => {
      for (const [w, id, job] of allJobs()) {
        const azure = expandedSteps(job).some((s) => actionName(s) === "azure/login");
        assert.equal(job.permissions?.["id-token"] === "write", azure, `${w}.yml ${id}: id-token: write iff the job uses azure/login`);
      }
    });

    it("grant only contents: read besides, and pull-requests: write only to the job that comments", () => {
      for (const [w, id, job] of allJobs()) {
        const comments = job.steps.some((s) => isTrue(s.with?.["comment-on-pr"]));
        const allowed: Record<string, string> = {
          contents: "read",
          "id-token": "write",
          ...(comments ? { "pull-requests": "write" } : {}),
        };
        assert.equal(job.permissions?.contents, "read", `${w}.yml ${id}: contents: read`);
        for (const [scope, level] of Object.entries(job.permissions ?? {})) {
          assert.equal(level, allowed[scope], `${w}.yml ${id}: ${scope}: ${level} is not allowed`);
        }
        assert.equal(job.permissions?.["pull-requests"] === "write", comments, `${w}.yml ${id}: pull-requests: write iff comment-on-pr`);
      }
    });

    it("log in to Azure with OIDC (client, tenant and subscription ids), never a stored credential", () => {
      const login = setup.runs.steps.filter((s) => actionName(s) === "azure/login");
      assert.equal(login.length, 1);
      assert.deepEqual(Object.keys(login[0].with ?? {}).sort(), ["client-id", "subscription-id", "tenant-id"]);
    });
  });

  describe("pulumi steps", () => {
    it("previews comment on the pull request, one edited comment, and fail the check on error", () => {
      const [job] = Object.values(workflows.preview.jobs).filter((j) => pulumiSteps(j).length > 0);
      const [step] = pulumiSteps(job);
      assert.equal(step.with?.command, "preview");
      for (const input of ["comment-on-pr", "edit-pr-comment", "diff"]) assert.ok(isTrue(step.with?.[input]), `${input}: true`);
      assert.equal(step.with?.["github-token"], "${{ github.token }}", "comments use the workflow token, not the App token");
      assert.ok(!isTrue(job["continue-on-error"]) && !isTrue(step["continue-on-error"]), "a failed preview must fail the check");
      assert.ok(!isTrue(step.with?.["continue-on-error"]));
    });

    it("pass the policy pack to every preview and up", () => {
      const steps = allJobs().flatMap(([, , job]) => pulumiSteps(job));
      assert.ok(steps.length >= 9);
      for (const s of steps) assert.equal(s.with?.policyPacks, "policy", `${s.name ?? s.with?.command}: policyPacks: policy`);
    });

    it("hand the @pulumi/github provider the setup token, and run after setup", () => {
      for (const [w, id, job] of allJobs().filter(([, , j]) => pulumiSteps(j).length > 0)) {
        const setupIndex = job.steps.findIndex((s) => s.uses === "./.github/actions/setup" && s.id === "setup");
        assert.ok(setupIndex >= 0, `${w}.yml ${id}: setup step with id: setup`);
        for (const s of pulumiSteps(job)) {
          assert.ok(job.steps.indexOf(s) > setupIndex, `${w}.yml ${id}: pulumi after setup`);
          assert.equal(s.env?.GITHUB_TOKEN, "${{ steps.setup.outputs.github-token }}", `${w}.yml ${id}: GITHUB_TOKEN`);
        }
      }
    });
  });

  describe("deploy", () => {
    const jobs = Object.entries(workflows.deploy.jobs);
    const byStack = (stack: string): [string, Job] => {
      const found = jobs.filter(([, j]) => pulumiSteps(j).some((s) => s.with?.command === "up" && s.with?.["stack-name"] === stack));
      assert.equal(found.length, 1, `one job runs pulumi up on ${stack}`);
      return found[0];
    };
    /** Every job `id` depends on, directly or not. */
    const ancestors = (id: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (j: string) => needsOf(workflows.deploy.jobs[j]).forEach((n) => (seen.has(n) ? undefined : (seen.add(n), visit(n))));
      visit(id);
      return seen;
    };

    it("runs on merges to main", () => {
      assert.deepEqual(workflows.deploy.on, { push: { branches: ["main"] } });
    });

    it("promotes dev → staging → prod, each in its GitHub Environment", () => {
      const [devId, dev] = byStack("dev");
      const [stagingId, staging] = byStack("staging");
      const [prodId, prod] = byStack("prod");
      assert.deepEqual(needsOf(dev), []);
      assert.deepEqual([environmentOf(dev), environmentOf(staging), environmentOf(prod)], ["dev", "staging", "production"]);
      assert.ok(ancestors(stagingId).has(devId), "staging after dev");
      assert.ok(ancestors(prodId).has(stagingId), "prod after staging");
    });

    it("promotes only stacks that have a Pulumi.<stack>.yaml in this repository", () => {
      const deployed = jobs.flatMap(([, j]) =>
        pulumiSteps(j)
          .filter((s) => s.with?.command === "up")
          .map((s) => String(s.with?.["stack-name"])),
      );
      for (const stack of deployed)
        assert.ok(
          fs.existsSync(path.join(root, `Pulumi.${stack}.yaml`)),
          `deploy.yml deploys ${stack}, but there is no Pulumi.${stack}.yaml`,
        );
    });

    it("follows every up with a preview of the same stack that expects no changes", () => {
      for (const [id, job] of jobs) {
        for (const up of pulumiSteps(job).filter((s) => s.with?.command === "up")) {
          const after = job.steps.slice(job.steps.indexOf(up) + 1).filter(isPulumi);
          const verify = after.find((s) => s.with?.command === "preview" && s.with?.["stack-name"] === up.with?.["stack-name"]);
          assert.ok(verify && isTrue(verify.with?.["expect-no-changes"]), `${id}: verification preview with expect-no-changes`);
        }
      }
    });
  });

  describe("drift", () => {
    it("runs on a schedule and on demand", () => {
      const on = workflows.drift.on;
      assert.ok(Array.isArray(on.schedule) && on.schedule.length > 0);
      assert.ok("workflow_dispatch" in on);
    });

    it("refreshes and expects no changes for every discovered stack", () => {
      const [job] = Object.values(workflows.drift.jobs).filter((j) => pulumiSteps(j).length > 0);
      const [step] = pulumiSteps(job);
      assert.equal(step.with?.command, "preview");
      assert.equal(step.with?.["stack-name"], "${{ matrix.stack }}");
      assert.ok(isTrue(step.with?.refresh) && isTrue(step.with?.["expect-no-changes"]));
    });
  });

  describe("concurrency", () => {
    const stackOf = (job: Job): string => String(pulumiSteps(job)[0].with?.["stack-name"]);

    it("queues every main-only job of one stack in the pulumi-<stack> group, never cancelling a running one", () => {
      for (const [w, id, job] of allJobs().filter(([w, , j]) => w !== "preview" && pulumiSteps(j).length > 0)) {
        assert.equal(job.concurrency?.group, `pulumi-${stackOf(job)}`, `${w}.yml ${id}`);
        assert.equal(job.concurrency?.["cancel-in-progress"], false, `${w}.yml ${id}: cancel-in-progress: false`);
      }
    });

    it("keeps pull-request previews out of the deploy group, one group per pull request", () => {
      const job = Object.values(workflows.preview.jobs).find((j) => pulumiSteps(j).length > 0) as Job;
      assert.equal(job.concurrency?.group, `pulumi-preview-${stackOf(job)}-\${{ github.event.pull_request.number }}`);
      assert.equal(job.concurrency?.["cancel-in-progress"], true);
    });
  });

  describe("setup", () => {
    it("installs with npm ci, for the program and the policy pack, on Node 20 with the npm cache", () => {
      const runs = setup.runs.steps.map((s) => s.run ?? "").join("\n");
      assert.match(runs, /^npm ci$/m);
      assert.match(runs, /^npm ci --prefix policy$/m);
      const node = setup.runs.steps.find((s) => actionName(s) === "actions/setup-node");
      assert.equal(String(node?.with?.["node-version"]), "20");
      assert.equal(node?.with?.cache, "npm");
    });

    it("installs the Pulumi CLI of the locked SDK version, and a pinned kubelogin", () => {
      const sdk = setup.runs.steps.find((s) => s.id === "sdk");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-"));
      try {
        const out = path.join(dir, "github_output");
        fs.writeFileSync(out, "");
        const r = runBash(String(sdk?.run), root, { GITHUB_OUTPUT: out });
        assert.equal(r.status, 0, r.output);
        const locked = (JSON.parse(read("package-lock.json")) as { packages: Record<string, { version: string }> }).packages[
          "node_modules/@pulumi/pulumi"
        ].version;
        assert.equal(fs.readFileSync(out, "utf8").trim(), `version=${locked}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const install = setup.runs.steps.filter((s) => actionName(s) === "pulumi/actions");
      assert.deepEqual(
        install.map((s) => s.with),
        [{ "pulumi-version": "${{ steps.sdk.outputs.version }}" }],
        "install-only: no command",
      );
      const kubelogin = setup.runs.steps.find((s) => actionName(s) === "azure/use-kubelogin");
      assert.match(String(kubelogin?.with?.["kubelogin-version"]), /^v\d+\.\d+\.\d+$/);
    });

    it("never runs npm install anywhere", () => {
      for (const step of allSteps())
        assert.doesNotMatch(step.run ?? "", /\bnpm\s+(install|i|add)\b/, `${step.name ?? step.id}: use npm ci`);
    });

    it("keeps expressions out of scripts, so secrets and inputs reach them only through env", () => {
      for (const step of allSteps()) assert.doesNotMatch(step.run ?? "", /\$\{\{/, `${step.name ?? step.id}: pass values through env`);
    });

    const exportStep = setup.runs.steps.find((s) => s.run?.includes("GITHUB_ENV"));
    const runExport = (env: Record<string, string>): { status: number | null; output: string; exported: Record<string, string> } => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "setup-"));
      try {
        const file = path.join(dir, "github_env");
        fs.writeFileSync(file, "");
        const result = runBash(String(exportStep?.run), dir, { GITHUB_ENV: file, ...env });
        const exported = Object.fromEntries(
          fs
            .readFileSync(file, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
        );
        return { ...result, exported };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const ids = { CLIENT_ID: "client", TENANT_ID: "tenant", SUBSCRIPTION_ID: "subscription" };

    it("points azure-native (OIDC), kubelogin and the Pulumi CLI at the identity and the azblob backend", () => {
      const env = exportStep?.env ?? {};
      assert.equal(env.CLIENT_ID, "${{ inputs.azure-client-id }}");
      assert.equal(env.BACKEND_URL, "${{ inputs.backend-url }}");
      const r = runExport({ ...ids, BACKEND_URL: "azblob://state?storage_account=st", ACCESS_TOKEN: "" });
      assert.equal(r.status, 0, r.output);
      assert.deepEqual(r.exported, {
        ARM_USE_OIDC: "true",
        ARM_CLIENT_ID: "client",
        ARM_TENANT_ID: "tenant",
        ARM_SUBSCRIPTION_ID: "subscription",
        AAD_LOGIN_METHOD: "workloadidentity",
        AZURE_CLIENT_ID: "client",
        AZURE_TENANT_ID: "tenant",
        PULUMI_BACKEND_URL: "azblob://state?storage_account=st",
      });
    });

    it("uses Pulumi Cloud only when no backend URL is set, and rejects neither", () => {
      const cloud = runExport({ ...ids, BACKEND_URL: "", ACCESS_TOKEN: "pul-token" });
      assert.equal(cloud.status, 0, cloud.output);
      assert.equal(cloud.exported.PULUMI_ACCESS_TOKEN, "pul-token");
      assert.equal(cloud.exported.PULUMI_BACKEND_URL, undefined);
      const none = runExport({ ...ids, BACKEND_URL: "", ACCESS_TOKEN: "" });
      assert.notEqual(none.status, 0);
      assert.match(none.output, /Set the PULUMI_BACKEND_URL variable/);
    });

    it("scopes the GitHub App token: read unless the job runs pulumi up", () => {
      const app = setup.runs.steps.find((s) => actionName(s) === "actions/create-github-app-token");
      assert.equal(app?.with?.["permission-contents"], "${{ inputs.github-permission }}");
      assert.equal(app?.with?.["permission-administration"], "${{ inputs.github-permission }}");
      assert.equal(setup.inputs?.["github-permission"].default, "read");
      for (const [w, id, job] of allJobs()) {
        const step = job.steps.find((s) => s.uses === "./.github/actions/setup");
        if (!step) continue;
        const writes = pulumiSteps(job).some((s) => s.with?.command === "up");
        assert.equal(step.with?.["github-permission"] ?? "read", writes ? "write" : "read", `${w}.yml ${id}`);
      }
    });
  });
});
