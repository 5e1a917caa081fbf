import {
  unknownCheckingProxy,
  UnknownValueError,
  type EnforcementLevel,
  type Policies,
  type PolicyResource,
  type PolicyResourceOptions,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { RecordedResource } from "./resourceArgs";

// `unknownCheckingProxy` and `UnknownValueError` are exported by @pulumi/policy's index but
// typed `any` (its proxy.d.ts is stripped); they are the engine's own proxy and error.

// The analyzer's own conversion of the wire format (internal to @pulumi/policy, so untyped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
  deserializeProperties(properties: Struct, proxySecrets: boolean): Record<string, unknown>;
};

/**
 * Inputs as a validator sees them: sent through the wire format the engine uses (undefined
 * dropped, secrets unwrapped to plain values, unknown sentinels kept) and wrapped in the same
 * proxy that throws on unknown values.
 */
export function asAnalyzerSees(inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(inputs)) as Record<string, never>;
  return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(plain), false)) as Record<string, unknown>;
}

function isStackPolicy(policy: ResourceValidationPolicy | StackValidationPolicy): policy is StackValidationPolicy {
  return typeof (policy as StackValidationPolicy).validateStack === "function";
}

function isResourcePolicy(policy: ResourceValidationPolicy | StackValidationPolicy): policy is ResourceValidationPolicy {
  return !isStackPolicy(policy);
}

/** What one policy concluded about one resource (or the stack). */
export interface Outcome {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource judged (resource policies) or "(stack)". */
  readonly resource: string;
  readonly violations: readonly string[];
  /** Set when the policy declared itself not applicable. */
  readonly notApplicable?: string;
  /** Set when the validator read a value unknown during preview (the engine reports this as advisory). */
  readonly unknown?: string;
}

/** Per-policy configuration as `--policy-pack-config` would give it (`{ policy: { key: value } }`). */
export type PolicyPackConfig = Readonly<Record<string, Record<string, unknown>>>;

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const defaultOptions: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

function urnOf(resource: RecordedResource, stack: string): string {
  return `urn:pulumi:${stack}::aks-flux-gitops::${resource.type}::${resource.name}`;
}

function typeMatches(type: string, resourceClass: unknown): boolean {
  return (resourceClass as { __pulumiType?: string } | undefined)?.__pulumiType === type;
}

/**
 * Runs every resource policy of `policies` against `resource` the way the engine's analyzer
 * does (see @pulumi/policy's server.ts: `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`),
 * without the Pulumi CLI: builds the args bag with the inputs behind the same unknown-checking
 * proxy, collects `reportViolation` calls, and turns `args.notApplicable` and unknown values
 * into outcomes. `validateStack` does the same for stack policies.
 */
export async function validateResource(
  policies: Policies,
  resource: RecordedResource,
  config: PolicyPackConfig = {},
  stack = "test",
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const policy of policies) {
    if (!isResourcePolicy(policy) || policy.validateResource === undefined) continue;
    const violations: string[] = [];
    const props = asAnalyzerSees(resource.inputs);
    const args: ResourceValidationArgs = {
      type: resource.type,
      props,
      urn: urnOf(resource, stack),
      name: resource.name,
      opts: defaultOptions,
      stackTags: new Map(),
      isType: (resourceClass) => typeMatches(resource.type, resourceClass),
      asType: ((resourceClass: unknown) =>
        typeMatches(resource.type, resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
      getConfig: <T extends object>() => ({ ...(config[policy.name] ?? {}) }) as T,
      notApplicable: (reason?: string): never => {
        throw new NotApplicable(reason ?? "");
      },
    };
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    outcomes.push(
      await run(policy.name, policy.enforcementLevel ?? "advisory", resource.name, violations, async () => {
        for (const validate of validations) await validate(args, (message) => violations.push(message));
      }),
    );
  }
  return outcomes;
}

/** Runs every stack policy of `policies` against the whole stack. */
export async function validateStack(
  policies: Policies,
  resources: readonly RecordedResource[],
  config: PolicyPackConfig = {},
  stack = "test",
): Promise<Outcome[]> {
  const policyResources: PolicyResource[] = resources.map((resource) => {
    const props = asAnalyzerSees(resource.inputs);
    return {
      type: resource.type,
      props,
      urn: urnOf(resource, stack),
      name: resource.name,
      opts: defaultOptions,
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => typeMatches(resource.type, resourceClass),
      asType: ((resourceClass: unknown) => (typeMatches(resource.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
    };
  });
  const outcomes: Outcome[] = [];
  for (const policy of policies) {
    if (!isStackPolicy(policy)) continue;
    const violations: string[] = [];
    const args: StackValidationArgs = {
      resources: policyResources,
      stackTags: new Map(),
      getConfig: <T extends object>() => ({ ...(config[policy.name] ?? {}) }) as T,
      notApplicable: (reason?: string): never => {
        throw new NotApplicable(reason ?? "");
      },
    };
    outcomes.push(
      await run(policy.name, policy.enforcementLevel ?? "advisory", "(stack)", violations, async () => {
        await policy.validateStack(args, (message) => violations.push(message));
      }),
    );
  }
  return outcomes;
}

/** Every policy against every resource and the stack: what a `pulumi preview` would report. */
export async function validateAll(
  policies: Policies,
  resources: readonly RecordedResource[],
  config: PolicyPackConfig = {},
  stack = "test",
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const resource of resources) outcomes.push(...(await validateResource(policies, resource, config, stack)));
  outcomes.push(...(await validateStack(policies, resources, config, stack)));
  return outcomes;
}

/** The violation messages of `outcomes`, optionally of one policy only. */
export function messages(outcomes: readonly Outcome[], policy?: string): string[] {
  return outcomes.filter((o) => policy === undefined || o.policy === policy).flatMap((o) => o.violations);
}

async function run(
  policy: string,
  enforcementLevel: EnforcementLevel,
  resource: string,
  violations: string[],
  body: () => Promise<void>,
): Promise<Outcome> {
  try {
    await body();
    return { policy, enforcementLevel, resource, violations };
  } catch (error) {
    if (error instanceof NotApplicable) return { policy, enforcementLevel, resource, violations, notApplicable: error.reason };
    if (error instanceof UnknownValueError) return { policy, enforcementLevel, resource, violations, unknown: (error as Error).message };
    throw error;
  }
}
