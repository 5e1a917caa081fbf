import * as path from "node:path";
import { unwrapSecrets } from "../../../test/support/mockMonitor";
import { runProgram } from "../../../test/support/programHarness";

/** The project root (where Pulumi.<stack>.yaml live). */
export const projectRoot = path.resolve(__dirname, "..", "..", "..");

/** The stack files the tests run against: every real environment. */
export const stacks = ["dev", "staging", "prod"] as const;
export type StackName = (typeof stacks)[number];

/**
 * One resource as the program registers it: type token, Pulumi name and inputs (the shape of
 * the program harness's recorded resources, which carry more fields besides).
 */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** Namespace keys (without the `aks-flux-gitops:` prefix) that replace the stack file's. */
export type ConfigOverrides = Readonly<Record<string, unknown>>;

/**
 * THE single source of policy fixtures: the resources (type, name, inputs) the program
 * really registers for a stack, recorded by the whole-program mock harness, optionally with
 * config `overrides` (top-level namespace keys replaced) for settings the real stack files do
 * not exercise (created repositories, image automation, another Flux namespace).
 */
export async function resourceArgsForStack(stack: string, overrides: ConfigOverrides = {}): Promise<RecordedResource[]> {
  const key = `${stack} ${JSON.stringify(overrides)}`;
  if (!recordings.has(key)) recordings.set(key, record(stack, overrides));
  return structuredClone(await (recordings.get(key) as Promise<RecordedResource[]>));
}

const recordings = new Map<string, Promise<RecordedResource[]>>();

async function record(stack: string, overrides: ConfigOverrides): Promise<RecordedResource[]> {
  const run = await runProgram({ stack, preview: true, mutate: (values) => Object.assign(values, structuredClone(overrides)) });
  if (run.error) throw run.error;
  const stackResource = { type: "pulumi:pulumi:Stack", name: `aks-flux-gitops-${stack}`, inputs: {} };
  return [
    stackResource,
    ...run.resources
      .filter((r) => r.custom)
      .map((r) => ({ type: r.type, name: r.name, inputs: unwrapSecrets(r.inputs) as Record<string, unknown> })),
  ];
}
