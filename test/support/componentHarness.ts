import * as pulumi from "@pulumi/pulumi";
import { startRecording, type RecordedResource, type ResourceRecorder } from "./mockMonitor";
import { programMocks, type MockOptions } from "./programMocks";

export interface ComponentRun<T> {
  readonly recorder: ResourceRecorder;
  /** What `build` returned (the component, usually). */
  readonly value: T;
}

/**
 * Sets the program's Pulumi mocks (real key material, Azure-like ids and URIs), records every
 * registration `build` makes and waits until all of them have settled. `build` imports the
 * component itself, after the mocks are set, as the program tests do.
 */
export async function recordComponent<T>(build: () => Promise<T> | T, mocks: MockOptions = {}): Promise<ComponentRun<T>> {
  await pulumi.runtime.setMocks(programMocks(mocks), "aks-flux-gitops", "dev", false);
  const recorder = startRecording();
  const value = await build();
  await recorder.settled();
  return { recorder, value };
}

/** The GitHub provider the components are handed, as the program creates it. */
export async function githubProvider(): Promise<import("@pulumi/github").Provider> {
  const github = await import("@pulumi/github");
  return new github.Provider("github", { owner: "acme-platform" });
}

/** True when `resource` was registered with the provider `providerUrn` (the engine records `<urn>::<id>`). */
export function usesProvider(resource: RecordedResource, providerUrn: string): boolean {
  return resource.options.provider.startsWith(`${providerUrn}::`);
}

/** The direct children of the component registration `component`. */
export function childrenOf(recorder: ResourceRecorder, component: RecordedResource): RecordedResource[] {
  return recorder.all().filter((r) => r.options.parent === component.urn);
}

/** `value`'s fields named in `like` (the provider SDKs add their own defaults to recorded inputs). */
export function fieldsOf(value: unknown, like: Record<string, unknown>): Record<string, unknown> {
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(like)
      .filter((k) => k in record)
      .map((k) => [k, record[k]]),
  );
}
