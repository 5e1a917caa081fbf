import {
  UnknownValueError,
  type EnforcementLevel,
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import type { Profile } from "../../config/types";
import { contextConfigSchema, type ContextPolicyConfig, type ContextResolver, type PolicyContext } from "../environment";

/** Resource inputs (or outputs, in stack policies) as the engine hands them over. */
export type Props = Record<string, unknown>;

/** Reports one problem: the property, its value and the fix; the type and name are added. */
export type Report = (property: string, value: unknown, fix: string) => void;

/** Matches a resource type token, e.g. the azure-native default and explicit API versions. */
export type TypeMatcher = (type: string) => boolean;

/**
 * `azure-native:<module>:<Resource>` and its explicit API versions
 * (`azure-native:<module>/v20250301:<Resource>`), so switching to a pinned API version
 * does not step around the policy.
 */
export function azureType(module: string, resource: string): TypeMatcher {
  const pattern = new RegExp(`^azure-native:${module}(/v[0-9a-z]+)?:${resource}$`);
  return (type) => pattern.test(type);
}

export function exactType(...types: string[]): TypeMatcher {
  return (type) => types.includes(type);
}

/** Every violation message: `<resource type> <name>: <property> is <value>; <fix>`. */
export function violationMessage(type: string, name: string, property: string, value: unknown, fix: string): string {
  return `${type} ${name}: ${property} is ${describeValue(value)}; ${fix}`;
}

/** A value as messages show it: `unset`, JSON otherwise, shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "unset";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `get(props, "networkProfile.networkPolicy")`: undefined when any step is missing. */
export function get(props: unknown, dottedPath: string): unknown {
  let current: unknown = props;
  for (const key of dottedPath.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Quotes a name in a fix: `"flux-system"`. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

export interface ResourcePolicySpec {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource types the policy judges; others are not applicable. */
  readonly appliesTo: TypeMatcher;
  /** When set, the policy only applies to stacks of these profiles. */
  readonly profiles?: readonly Profile[];
  readonly remediationSteps?: string;
  readonly check: (props: Props, context: PolicyContext, report: Report, args: ResourceValidationArgs) => void;
}

/** A resource policy judged against the stack's context, reporting in the house message format. */
export function resourcePolicy(spec: ResourcePolicySpec, contexts: ContextResolver): ResourceValidationPolicy {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    configSchema: contextConfigSchema,
    ...(spec.remediationSteps === undefined ? {} : { remediationSteps: spec.remediationSteps }),
    validateResource: (args, reportViolation) => {
      if (!spec.appliesTo(args.type)) {
        args.notApplicable(`applies to other resource types than ${args.type}`);
      }
      const context = contexts.resolve(args.getConfig<ContextPolicyConfig>(), get(args.props, "tags.environment"));
      if (spec.profiles !== undefined && !spec.profiles.includes(context.profile)) {
        args.notApplicable(`applies to the ${spec.profiles.join("/")} profile; environment ${context.environment} uses ${context.profile}`);
      }
      spec.check(
        args.props,
        context,
        (property, value, fix) => reportViolation(violationMessage(args.type, args.name, property, value, fix)),
        args,
      );
    },
  };
}

export interface StackPolicySpec {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly remediationSteps?: string;
  readonly check: (
    resources: readonly PolicyResource[],
    context: PolicyContext,
    reportViolation: (message: string, urn?: string) => void,
    args: StackValidationArgs,
  ) => void;
}

/** A stack policy judged against the stack's context. */
export function stackPolicy(spec: StackPolicySpec, contexts: ContextResolver): StackValidationPolicy {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    configSchema: contextConfigSchema,
    ...(spec.remediationSteps === undefined ? {} : { remediationSteps: spec.remediationSteps }),
    validateStack: (args, reportViolation) => {
      const tag = args.resources.map((r) => known(() => get(r.props, "tags.environment"))).find((t) => typeof t === "string" && t !== "");
      const context = contexts.resolve(args.getConfig<ContextPolicyConfig>(), tag);
      spec.check(args.resources, context, reportViolation, args);
    },
  };
}

/** The stack resource's type and name for stack-level messages (`pulumi:pulumi:Stack aks-flux-gitops-prod`). */
export function stackResourceName(resources: readonly PolicyResource[], context: PolicyContext): string {
  return resources.find((r) => r.type === "pulumi:pulumi:Stack")?.name ?? `aks-flux-gitops-${context.environment}`;
}

/**
 * Reads a value that may be unknown during a preview (the engine's proxy throws on access):
 * undefined then, so stack policies can judge the rest of the stack.
 */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    // UnknownValueError is the engine proxy's error (exported by @pulumi/policy, typed `any`).
    if (error instanceof UnknownValueError) return undefined;
    throw error;
  }
}
