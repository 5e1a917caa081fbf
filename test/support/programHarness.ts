import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { valuesFromStackFile } from "../../config/sources";
import { startRecording, valueOf, type RecordedResource, type ResourceRecorder } from "./mockMonitor";
import { programMocks, type MockOptions } from "./programMocks";

export const projectRoot = path.resolve(__dirname, "../..");
/** The small Flux release the unit tests use instead of a download. */
export const fixtureManifestsDir = path.join(projectRoot, "test/fixtures/flux-release");

export interface RunOptions {
  readonly stack: string;
  /** Changes to the stack file's namespace values before the run. */
  readonly mutate?: (values: Record<string, any>) => void;
  readonly mocks?: MockOptions;
  readonly preview?: boolean;
  /** Config keys Pulumi would have decrypted; default: `aks-flux-gitops:cluster` when it holds existingKubeconfig. */
  readonly secretKeys?: readonly string[];
}

export interface ProgramRun {
  readonly recorder: ResourceRecorder;
  readonly resources: readonly RecordedResource[];
  /** Stack outputs, resolved. */
  readonly outputs: Record<string, any>;
  /** Names of the outputs that are Pulumi secrets. */
  readonly secretOutputs: ReadonlySet<string>;
  /** The error the program threw, if it did. */
  readonly error?: Error;
}

/**
 * Evaluates the whole program for one real stack file under Pulumi mocks and
 * records every resource registration with its inputs and options.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
  const values = structuredClone(valuesFromStackFile(path.join(projectRoot, `Pulumi.${options.stack}.yaml`))) as Record<string, any>;
  options.mutate?.(values);
  values.flux = { manifests: fixtureManifestsDir, ...values.flux };
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    config[`aks-flux-gitops:${key}`] = typeof value === "string" ? value : JSON.stringify(value);

  // The organization of the local (diy) backend, which the program's StackReference to itself names.
  await pulumi.runtime.setMocks(programMocks(options.mocks), "aks-flux-gitops", options.stack, options.preview ?? false, "organization");
  // As `pulumi config set --secret --path cluster.existingKubeconfig ...` does: the whole top-level key is secret.
  const secretKeys = options.secretKeys ?? [
    ...(values.cluster?.existingKubeconfig !== undefined ? ["aks-flux-gitops:cluster"] : []),
    ...(values.notifications !== undefined ? ["aks-flux-gitops:notifications"] : []),
  ];
  pulumi.runtime.setAllConfig(config, [...secretKeys]);
  const recorder = startRecording();
  const { main } = await import("../../program");
  let outputs: Record<string, any> = {};
  const secretOutputs = new Set<string>();
  let error: Error | undefined;
  try {
    const raw = await main();
    for (const [key, value] of Object.entries(raw)) {
      const output = pulumi.output(value);
      if (await pulumi.isSecret(output)) secretOutputs.add(key);
      outputs = { ...outputs, [key]: await valueOf(output) };
    }
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  }
  await recorder.settled();
  return { recorder, resources: recorder.all(), outputs, secretOutputs, error };
}

/** Runs each shipped stack once and caches the result for the suite. */
const cache = new Map<string, Promise<ProgramRun>>();
export function runShippedStack(stack: string): Promise<ProgramRun> {
  if (!cache.has(stack)) cache.set(stack, runProgram({ stack }));
  return cache.get(stack) as Promise<ProgramRun>;
}

/** URNs `resource` waits for, directly or through what it waits for (dependsOn and inputs, components expanded). */
export function transitiveDependencies(run: ProgramRun, resource: RecordedResource): Set<string> {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const queue = [...resource.options.dependencies];
  while (queue.length > 0) {
    const urn = queue.pop() as string;
    if (seen.has(urn)) continue;
    seen.add(urn);
    queue.push(...(byUrn.get(urn)?.options.dependencies ?? []));
  }
  return seen;
}
