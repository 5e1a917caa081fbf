import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

/** The properties the CI design relies on, read from `.github/` (docs/ci.md explains each). */

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  "continue-on-error"?: unknown;
}
interface Job {
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: unknown };
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: Step[];
  "continue-on-error"?: unknown;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
interface Action {
  inputs?: Record<string, { required?: boolean; default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const root = path.resolve(__dirname, "../..");
const read = (file: string): string => fs.readFileSync(path.join(root, file), "utf8");
const workflowNames = ["preview", "deploy", "drift"] as const;
const workflows = Object.fromEntries(workflowNames.map((n) => [n, parse(read(`.github/workflows/${n}.yml`)) as Workflow]));
const actionFiles = fs.readdirSync(path.join(root, ".github/actions")).map((d) => `.github/actions/${d}/action.yml`);
const localAction = (uses: string): Action => parse(read(`${uses.replace(/^\.\//, "")}/action.yml`)) as Action;
const setup = localAction("./.github/actions/setup");
const stacksAction = localAction("./.github/actions/stacks");

const allJobs = (): [string, string, Job][] =>
  workflowNames.flatMap((w) => Object.entries(workflows[w].jobs).map(([id, job]): [string, string, Job] => [w, id, job]));
const allSteps = (): Step[] => [...allJobs().flatMap(([, , job]) => job.steps), ...actionFiles.flatMap((f) => (parse(read(f)) as Action).runs.steps)];
const actionName = (step: Step): string => (step.uses ?? "").split("@")[0].toLowerCase();
const isPulumi = (step: Step): boolean => actionName(step) === "pulumi/actions" && step.with?.command !== undefined;
const pulumiSteps = (job: Job): Step[] => job.steps.filter(isPulumi);
/** The job's steps with local composite actions replaced by their own steps. */
const expandedSteps = (job: Job): Step[] => job.steps.flatMap((s) => (s.uses?.startsWith("./") ? localAction(s.uses).runs.steps : [s]));
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : ([] as string[]).concat(job.needs));
const environmentOf = (job: Job): string | undefined => (typeof job.environment === "object" ? job.environment.name : job.environment);
const isTrue = (v: unknown): boolean => String(v) === "true";

/** Runs a `shell: bash` step as the runner does (`bash --noprofile --norc -eo pipefail`). */
function runBash(script: string, cwd: string, env: Record<string, string>): { status: number | null; output: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "step-")), "step.sh");
  fs.writeFileSync(file, script);
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Input names read from each action's action.yml at the pinned version (see docs/ci.md). */
const knownInputs: Record<string, RegExp> = {
  "actions/checkout": /^(repository|ref|token|ssh-key|ssh-known-hosts|ssh-strict|ssh-user|persist-credentials|path|clean|filter|sparse-checkout|sparse-checkout-cone-mode|fetch-depth|fetch-tags|show-progress|lfs|submodules|set-safe-directory|github-server-url|allow-unsafe-pr-checkout)$/,
  "actions/setup-node": /^(node-version|node-version-file|architecture|check-latest|registry-url|scope|token|cache|package-manager-cache|cache-dependency-path|mirror|mirror-token)$/,
  "azure/login": /^(creds|client-id|tenant-id|subscription-id|enable-AzPSSession|environment|allow-no-subscriptions|audience|auth-type)$/,
  "azure/use-kubelogin": /^(kubelogin-version|skip-cache|github-api-base-url)$/,
  "actions/create-github-app-token": /^(client-id|app-id|private-key|owner|repositories|skip-token-revoke|github-api-url|permission-[a-z-]+)$/,
  "pulumi/actions": /^(command|stack-name|pulumi-version|pulumi-version-file|work-dir|comment-on-pr|comment-on-pr-number|comment-on-summary|github-token|cloud-url|secrets-provider|parallel|message|config-map|expect-no-changes|diff|replace|exclude|exclude-dependents|target|target-dependents|policyPacks|policyPackConfigs|refresh|upsert|remove|edit-pr-comment|color|exclude-protected|plan|suppress-outputs|suppress-progress|always-include-summary|continue-on-error|log-verbosity|log-flow|debug)$/,
};

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
        const allowed: Record<string, string> = { contents: "read", "id-token": "write", ...(comments ? { "pull-requests": "write" } : {}) };
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

  describe("stack discovery", () => {
    for (const w of ["preview", "drift"] as const) {
      it(`${w}.yml builds its matrix from the discovery job's output`, () => {
        const matrixJobs = Object.values(workflows[w].jobs).filter((j) => j.strategy?.matrix);
        assert.equal(matrixJobs.length, 1);
        const match = /^\$\{\{ fromJSON\(needs\.([\w-]+)\.outputs\.stacks\) \}\}$/.exec(String(matrixJobs[0].strategy?.matrix?.stack));
        assert.ok(match, `matrix.stack must be fromJSON(needs.<job>.outputs.stacks), got ${matrixJobs[0].strategy?.matrix?.stack}`);
        const discovery = workflows[w].jobs[match[1]];
        assert.ok(needsOf(matrixJobs[0]).includes(match[1]), "the matrix job needs the discovery job");
        const output = /^\$\{\{ steps\.([\w-]+)\.outputs\.stacks \}\}$/.exec(discovery.outputs?.stacks ?? "");
        assert.ok(output, "the discovery job exports a step's stacks output");
        assert.equal(discovery.steps.find((s) => s.id === output[1])?.uses, "./.github/actions/stacks");
      });
    }

    const list = stacksAction.runs.steps.find((s) => s.id === "list");
    const discover = (files: string[]): { status: number | null; output: string; stacks?: string[] } => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
      try {
        for (const f of files) fs.writeFileSync(path.join(dir, f), "config: {}\n");
        const out = path.join(dir, "github_output");
        fs.writeFileSync(out, "");
        const result = runBash(String(list?.run), dir, { GITHUB_OUTPUT: out });
        const line = /^stacks=(.*)$/m.exec(fs.readFileSync(out, "utf8"));
        return { ...result, stacks: line ? (JSON.parse(line[1]) as string[]) : undefined };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const decoys = ["Pulumi.yaml", "README.md", "Pulumi.dev.yaml.orig", "package.json"];

    it("the stacks action exports the bash step's output", () => {
      assert.equal(list?.shell, "bash");
      assert.equal(stacksAction.outputs?.stacks.value, "${{ steps.list.outputs.stacks }}");
    });

    it("lists the Pulumi.<stack>.yaml files it finds", () => {
      const r = discover(["Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml", ...decoys]);
      assert.equal(r.status, 0, r.output);
      assert.deepEqual(r.stacks, ["dev", "prod", "staging"]);
    });

    it("picks up a new environment without an edit (nothing is hard-coded)", () => {
      const r = discover(["Pulumi.dev.yaml", "Pulumi.qa.yaml", "Pulumi.eu.prod.yaml", ...decoys]);
      assert.equal(r.status, 0, r.output);
      assert.deepEqual(r.stacks, ["dev", "eu.prod", "qa"]);
    });

    it("rejects a directory without stack files instead of handing the matrix an empty list", () => {
      const r = discover(decoys);
      assert.notEqual(r.status, 0);
      assert.equal(r.stacks, undefined);
      assert.match(r.output, /No Pulumi\.<stack>\.yaml file/);
    });
  });

  describe("pulumi steps", () => {
    it("previews comment on the pull request, one edited comment per stack, and fail the check on error", () => {
      const [job] = Object.values(workflows.preview.jobs).filter((j) => pulumiSteps(j).length > 0);
      const [step] = pulumiSteps(job);
      assert.equal(step.with?.command, "preview");
      assert.equal(step.with?.["stack-name"], "${{ matrix.stack }}");
      for (const input of ["comment-on-pr", "edit-pr-comment", "diff"]) assert.ok(isTrue(step.with?.[input]), `${input}: true`);
      assert.equal(step.with?.["github-token"], "${{ github.token }}", "comments use the workflow token, not the App token");
      assert.ok(!isTrue(job["continue-on-error"]) && !isTrue(step["continue-on-error"]), "a failed preview must fail the check");
      assert.ok(!isTrue(step.with?.["continue-on-error"]));
    });

    it("pass the policy pack to every preview and up", () => {
      const steps = allJobs().flatMap(([, , job]) => pulumiSteps(job));
      assert.ok(steps.length >= 7);
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

    it("runs on merges to main", () => {
      assert.deepEqual(workflows.deploy.on, { push: { branches: ["main"] } });
    });

    it("promotes dev → staging → prod, staging and production through GitHub Environments", () => {
      const [devId, dev] = byStack("dev");
      const [stagingId, staging] = byStack("staging");
      const [, prod] = byStack("prod");
      assert.equal(environmentOf(dev), undefined, "dev deploys without approval");
      assert.deepEqual(needsOf(dev), []);
      assert.deepEqual(needsOf(staging), [devId]);
      assert.equal(environmentOf(staging), "staging");
      assert.deepEqual(needsOf(prod), [stagingId]);
      assert.equal(environmentOf(prod), "production");
    });

    it("promotes only stacks that have a Pulumi.<stack>.yaml in this repository", () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stacks-")), "github_output");
      fs.writeFileSync(out, "");
      const r = runBash(String(stacksAction.runs.steps.find((s) => s.id === "list")?.run), root, { GITHUB_OUTPUT: out });
      assert.equal(r.status, 0, r.output);
      const discovered = JSON.parse(fs.readFileSync(out, "utf8").replace(/^stacks=/, "")) as string[];
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
      const deployed = jobs.flatMap(([, j]) => pulumiSteps(j).filter((s) => s.with?.command === "up").map((s) => String(s.with?.["stack-name"])));
      for (const stack of deployed) assert.ok(discovered.includes(stack), `deploy.yml deploys ${stack}, but there is no Pulumi.${stack}.yaml`);
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

    it("keys every job that touches state by its stack", () => {
      for (const [w, id, job] of allJobs().filter(([, , j]) => pulumiSteps(j).length > 0)) {
        assert.ok(job.concurrency?.group.includes(stackOf(job)), `${w}.yml ${id}: concurrency group contains ${stackOf(job)}`);
      }
    });

    it("queues deploys and drift checks of one stack in the pulumi-<stack> group, never cancelling a running one", () => {
      for (const [w, id, job] of allJobs().filter(([w, , j]) => w !== "preview" && pulumiSteps(j).length > 0)) {
        assert.equal(job.concurrency?.group, `pulumi-${stackOf(job)}`, `${w}.yml ${id}`);
        assert.equal(job.concurrency?.["cancel-in-progress"], false, `${w}.yml ${id}: cancel-in-progress: false`);
      }
      const drift = Object.values(workflows.drift.jobs).find((j) => pulumiSteps(j).length > 0) as Job;
      for (const stack of ["dev", "staging", "prod"]) {
        const deploy = Object.values(workflows.deploy.jobs).find((j) => stackOf(j) === stack) as Job;
        assert.equal(drift.concurrency?.group.replace("${{ matrix.stack }}", stack), deploy.concurrency?.group, `drift and deploy share ${stack}'s group`);
      }
    });

    it("keeps previews out of the deploy group, one group per pull request and stack", () => {
      const job = Object.values(workflows.preview.jobs).find((j) => pulumiSteps(j).length > 0) as Job;
      assert.equal(job.concurrency?.group, "pulumi-preview-${{ matrix.stack }}-${{ github.event.pull_request.number }}");
    });
  });

  describe("actions", () => {
    it("pins every action to a full commit SHA (with a # vX.Y.Z comment) or a major tag", () => {
      for (const file of [...workflowNames.map((w) => `.github/workflows/${w}.yml`), ...actionFiles]) {
        for (const line of read(file).split("\n").filter((l) => /^\s*(- )?uses:/.test(l))) {
          const [, ref, comment] = /uses:\s*(\S+)\s*(#.*)?$/.exec(line) ?? [];
          if (ref.startsWith("./")) continue;
          const version = /^[\w.-]+\/[\w./-]+@(.+)$/.exec(ref)?.[1] ?? "";
          assert.match(version, /^([0-9a-f]{40}|v\d+)$/, `${file}: ${ref} is not pinned to a SHA or a major tag`);
          if (version.length === 40) assert.match(comment ?? "", /^# v\d+(\.\d+)*$/, `${file}: ${ref} needs a # vX.Y.Z comment`);
        }
      }
    });

    it("passes only inputs the pinned version of each action declares", () => {
      for (const step of allSteps().filter((s) => s.uses && !s.uses.startsWith("./"))) {
        const known = knownInputs[actionName(step)];
        assert.ok(known, `${step.uses}: record its input names (from its action.yml) in this test`);
        for (const input of Object.keys(step.with ?? {})) assert.match(input, known, `${step.uses}: unknown input ${input}`);
      }
    });

    it("passes local actions their declared inputs, and every required one", () => {
      for (const step of allJobs().flatMap(([, , j]) => j.steps).filter((s) => s.uses?.startsWith("./"))) {
        const inputs = localAction(step.uses as string).inputs ?? {};
        for (const input of Object.keys(step.with ?? {})) assert.ok(input in inputs, `${step.uses}: unknown input ${input}`);
        for (const [name, spec] of Object.entries(inputs)) if (spec.required) assert.ok(name in (step.with ?? {}), `${step.uses}: ${name} is required`);
      }
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
        const locked = (JSON.parse(read("package-lock.json")) as { packages: Record<string, { version: string }> }).packages["node_modules/@pulumi/pulumi"].version;
        assert.equal(fs.readFileSync(out, "utf8").trim(), `version=${locked}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const install = setup.runs.steps.filter((s) => actionName(s) === "pulumi/actions");
      assert.deepEqual(install.map((s) => s.with), [{ "pulumi-version": "${{ steps.sdk.outputs.version }}" }], "install-only: no command");
      const kubelogin = setup.runs.steps.find((s) => actionName(s) === "azure/use-kubelogin");
      assert.match(String(kubelogin?.with?.["kubelogin-version"]), /^v\d+\.\d+\.\d+$/);
    });

    it("never runs npm install anywhere", () => {
      for (const step of allSteps()) assert.doesNotMatch(step.run ?? "", /\bnpm\s+(install|i|add)\b/, `${step.name ?? step.id}: use npm ci`);
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
        const exported = Object.fromEntries(fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
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

    it("scopes the GitHub App token: read for previews and drift checks, write for deploys", () => {
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
