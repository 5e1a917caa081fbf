import * as path from "node:path";
import { valuesFromStackFile } from "../../../config/sources";
import { ContextResolver, stackContextFromEngine, type EngineEnvironment } from "../../environment";
import { projectRoot, type ConfigOverrides } from "./resourceArgs";

export interface EngineEnvOptions {
  /** Replaces or adds namespace keys (without the `aks-flux-gitops:` prefix) after the stack file's. */
  readonly overrides?: ConfigOverrides;
  /** "strings": objects JSON-encoded, as the language host passes config (default); "objects": structured. */
  readonly encoding?: "strings" | "objects";
  /** Spell keys the legacy way, `aks-flux-gitops:config:cluster`. */
  readonly legacyKeys?: boolean;
  /** Stack name as the engine passes it (default: the stack). */
  readonly stackName?: string;
}

/**
 * The environment the Pulumi engine gives a Node.js policy pack for a stack of this project:
 * `PULUMI_NODEJS_STACK`, `PULUMI_NODEJS_PROJECT` and `PULUMI_CONFIG` (the stack's configuration
 * as JSON), built here from the real `Pulumi.<stack>.yaml`.
 */
export function engineEnvFor(stack: string, options: EngineEnvOptions = {}): Record<string, string> {
  const values = { ...valuesFromStackFile(path.join(projectRoot, `Pulumi.${stack}.yaml`)), ...options.overrides };
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const fullKey = options.legacyKeys ? `aks-flux-gitops:config:${key}` : `aks-flux-gitops:${key}`;
    config[fullKey] = options.encoding === "objects" || typeof value === "string" ? value : JSON.stringify(value);
  }
  return {
    PULUMI_NODEJS_STACK: options.stackName ?? stack,
    PULUMI_NODEJS_PROJECT: "aks-flux-gitops",
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_CONFIG: JSON.stringify(config),
  };
}

/** The resolver the pack builds at start-up, for the engine environment `env`. */
export function resolverFor(env: EngineEnvironment): ContextResolver {
  return new ContextResolver(stackContextFromEngine(env, projectRoot));
}

/** The resolver of a pack started by the engine for `stack` (optionally with config overrides). */
export function resolverForStack(stack: string, overrides?: ConfigOverrides): ContextResolver {
  return resolverFor(engineEnvFor(stack, { overrides }));
}
