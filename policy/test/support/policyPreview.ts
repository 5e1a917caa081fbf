import assert from "node:assert/strict";
import { createPolicies } from "../../policies";
import { resolverForStack } from "./engineEnv";
import type { Mutation, Selector } from "./mutate";
import { validateAll, type Outcome } from "./policyHarness";
import type { ConfigOverrides, RecordedResource, StackName } from "./resourceArgs";

/* What the policy tests share: resource types, how they preview a stack, and the shape of the unsafe-change tables. */

export const CLUSTER = "azure-native:containerservice:ManagedCluster";
export const VAULT = "azure-native:keyvault:Vault";
export const AGENT_POOL = "azure-native:containerservice:AgentPool";
export const DEPLOY_KEY = "github:index/repositoryDeployKey:RepositoryDeployKey";
export const REPOSITORY = "github:index/repository:Repository";
export const SECRET = "kubernetes:core/v1:Secret";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
/** The Flux source Secret (the infrastructure repository's SSH key), by its Kubernetes name. */
export const FLUX_SOURCE_SECRET = { "metadata.name": "flux-system" };

export const production: StackName[] = ["staging", "prod"];

/** What `pulumi preview --policy-pack policy` reports for `stack`, as the engine would start the pack. */
export async function preview(stack: string, resources: readonly RecordedResource[], overrides?: ConfigOverrides): Promise<Outcome[]> {
  return validateAll(createPolicies(resolverForStack(stack, overrides)), resources, {}, stack);
}

export function violationsOf(outcomes: readonly Outcome[]): { policy: string; enforcementLevel: string; message: string }[] {
  return outcomes.flatMap((o) => o.violations.map((message) => ({ policy: o.policy, enforcementLevel: o.enforcementLevel, message })));
}

export function outcome(outcomes: readonly Outcome[], policy: string, resource: string): Outcome {
  const found = outcomes.find((o) => o.policy === policy && o.resource === resource);
  assert.ok(found, `no outcome of ${policy} for ${resource}`);
  return found;
}

export interface Case {
  readonly title: string;
  readonly stacks: readonly StackName[];
  readonly type: string;
  /** Which resource of `type` to mutate (default: the first one, when any of them will do). */
  readonly which?: Selector;
  readonly mutations: readonly Mutation[];
  /** Stack config overrides (namespace keys without the prefix), applied before the mutation. */
  readonly overrides?: ConfigOverrides;
  readonly policy: string;
  readonly enforcementLevel?: "mandatory" | "advisory";
  readonly message: (stack: StackName, name: string) => string;
}
