import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

/** The workflows and composite actions of `.github/`, parsed, with the helpers the CI property tests share. */

export interface Step {
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
export interface Job {
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: unknown };
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: Step[];
  "continue-on-error"?: unknown;
}
export interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
export interface Action {
  inputs?: Record<string, { required?: boolean; default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export const root = path.resolve(__dirname, "../..");
export const read = (file: string): string => fs.readFileSync(path.join(root, file), "utf8");
export const workflowNames = ["preview", "deploy", "drift"] as const;
export const workflows = Object.fromEntries(workflowNames.map((n) => [n, parse(read(`.github/workflows/${n}.yml`)) as Workflow])) as Record<
  (typeof workflowNames)[number],
  Workflow
>;
export const actionFiles = fs.readdirSync(path.join(root, ".github/actions")).map((d) => `.github/actions/${d}/action.yml`);
export const workflowFiles = workflowNames.map((w) => `.github/workflows/${w}.yml`);
export const localAction = (uses: string): Action => parse(read(`${uses.replace(/^\.\//, "")}/action.yml`)) as Action;
export const setup = localAction("./.github/actions/setup");
export const stacksAction = localAction("./.github/actions/stacks");

export const allJobs = (): [string, string, Job][] =>
  workflowNames.flatMap((w) => Object.entries(workflows[w].jobs).map(([id, job]): [string, string, Job] => [w, id, job]));
export const allSteps = (): Step[] => [
  ...allJobs().flatMap(([, , job]) => job.steps),
  ...actionFiles.flatMap((f) => (parse(read(f)) as Action).runs.steps),
];
export const actionName = (step: Step): string => (step.uses ?? "").split("@")[0].toLowerCase();
export const isPulumi = (step: Step): boolean => actionName(step) === "pulumi/actions" && step.with?.command !== undefined;
export const pulumiSteps = (job: Job): Step[] => job.steps.filter(isPulumi);
/** The job's steps with local composite actions replaced by their own steps. */
export const expandedSteps = (job: Job): Step[] =>
  job.steps.flatMap((s) => (s.uses?.startsWith("./") ? localAction(s.uses).runs.steps : [s]));
export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : ([] as string[]).concat(job.needs));
export const environmentOf = (job: Job): string | undefined =>
  typeof job.environment === "object" ? job.environment.name : job.environment;
export const isTrue = (v: unknown): boolean => String(v) === "true";
export const setupStep = (job: Job): Step | undefined => job.steps.find((s) => s.uses === "./.github/actions/setup");

/** Runs a `shell: bash` step as the runner does (`bash --noprofile --norc -eo pipefail`). */
export function runBash(script: string, cwd: string, env: Record<string, string>): { status: number | null; output: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "step-")), "step.sh");
  fs.writeFileSync(file, script);
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
