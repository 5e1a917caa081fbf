import * as path from "node:path";
import { resolveStackConfig } from "../../config/resolve";
import { valuesFromStackFile } from "../../config/sources";
import type { StackConfig } from "../../config/types";

export const projectRoot = path.resolve(__dirname, "../..");
export const stackNames = ["dev", "staging", "prod"] as const;

/** The namespace values of a real stack file, as a mutable deep copy. */
export function stackValues(stack: string): Record<string, any> {
  return structuredClone(valuesFromStackFile(path.join(projectRoot, `Pulumi.${stack}.yaml`)));
}

/** `secretKeys`: as from the engine, the top-level keys Pulumi decrypted; absent: values as in a stack file. */
export function resolveValues(stack: string, values: Record<string, unknown>, secretKeys?: ReadonlySet<string>): StackConfig {
  return resolveStackConfig({ project: "aks-flux-gitops", stack, values, cacheDir: "/tmp/aks-flux-gitops-test-cache", secretKeys });
}

export function resolveStack(stack: string): StackConfig {
  return resolveValues(stack, stackValues(stack));
}

/**
 * A minimal valid configuration for an environment that is not one of the shipped stacks: a new
 * environment takes the production profile, whose API server must be restricted to known ranges.
 */
export function minimalValues(): Record<string, any> {
  return {
    azure: { location: "westeurope" },
    github: { owner: "acme", infraRepository: "fleet-infra" },
    cluster: { authorizedIpRanges: ["52.174.0.0/24"] },
  };
}
