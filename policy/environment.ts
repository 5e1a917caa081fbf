import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { commonDefaults, defaultProfileFor } from "../config/defaults";
import { resolveStackConfig } from "../config/resolve";
import { projectNameFromDir, valuesFromEngine, valuesFromStackFile } from "../config/sources";
import type { Profile, StackConfig } from "../config/types";

/**
 * How the pack knows which environment it is judging.
 *
 * The policies differ by profile ("looser in dev" means the `development` profile of
 * `config/defaults.ts`, not the stack name) and read a few stack settings (Flux namespace,
 * image automation, Flux network policies). In order of preference:
 *
 * 1. `stack-config`: the Pulumi engine starts a Node.js policy pack with the stack's name,
 *    project and configuration in its environment (`PULUMI_NODEJS_STACK`,
 *    `PULUMI_NODEJS_PROJECT`, `PULUMI_CONFIG`, decrypted, as it does for the program), so the
 *    pack resolves exactly the `StackConfig` the program resolves, with the same
 *    `config/resolve.ts`, the same defaults and the same profile rule.
 * 2. `stack-file`: the stack name is known but no configuration was passed: read
 *    `Pulumi.<stack>.yaml` from the project directory (the parent of `policy/`).
 * 3. `policy-config`: `--policy-pack-config <file>` with `{ environment, profile,
 *    fluxNamespace, imageAutomation, networkPolicy, infraRepository}` under each policy
 *    (see `policyPackConfigFor`), for runs outside this project's stacks.
 * 4. `resource-tag`: the `environment` tag on the Azure resource being validated; the profile
 *    then follows `defaultProfileFor` (dev → development, anything else → production).
 * 5. `default`: nothing known: the production profile (strictest) and the program's defaults.
 */
export const projectName = "aks-flux-gitops";

export type ContextSource = "stack-config" | "stack-file" | "policy-config" | "resource-tag" | "default";

/** What the policies need to know about the stack being previewed or updated. */
export interface PolicyContext {
  /** Environment name (`aks-flux-gitops:environment`, by default the stack name); "unknown" when not known. */
  readonly environment: string;
  /** Which defaults, and so which policy strictness, apply. */
  readonly profile: Profile;
  /** Namespace Flux and its secrets live in (`flux.namespace`). */
  readonly fluxNamespace: string;
  /** True when an image-automation controller is installed, so the infra deploy key may be read-write. */
  readonly imageAutomation: boolean;
  /** True when the stack is expected to create Flux's network policies (`flux.networkPolicy`, bootstrap mode). */
  readonly networkPolicy: boolean;
  /** The only repository whose deploy key may be read-write under image automation (the one it commits to); undefined when not known. */
  readonly infraRepository?: string;
  readonly source: ContextSource;
  /** Where the context came from, in words, for diagnostics. */
  readonly origin: string;
}

/** The per-policy configuration `--policy-pack-config` may carry (fallback 3 above). */
export interface ContextPolicyConfig {
  readonly environment?: string;
  readonly profile?: Profile;
  readonly fluxNamespace?: string;
  readonly imageAutomation?: boolean;
  readonly networkPolicy?: boolean;
  readonly infraRepository?: string;
}

/** JSON schema of `ContextPolicyConfig`; every policy declares it so the engine validates the file. */
export const contextConfigSchema: PolicyConfigSchema = {
  properties: {
    environment: { type: "string", pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", description: "Environment name, e.g. prod" },
    profile: { type: "string", enum: ["development", "production"], description: "development loosens the policies marked as such" },
    fluxNamespace: { type: "string", description: `Flux namespace (default ${commonDefaults.flux.namespace})` },
    imageAutomation: { type: "boolean", description: "An image-automation controller pushes to the infrastructure repository" },
    networkPolicy: { type: "boolean", description: "Flux's network policies are installed (default true)" },
    infraRepository: {
      type: "string",
      description: "The infrastructure repository (its deploy key may be writable under image automation)",
    },
  },
};

/** The result of looking for the stack's own configuration: a context, or why there is none. */
export interface StackLookup {
  readonly context?: PolicyContext;
  /** Why no context was found (or how it was found). */
  readonly note: string;
}

/** The subset of `process.env` the lookup reads; passed in so tests need not touch the process. */
export type EngineEnvironment = Readonly<Record<string, string | undefined>>;

/** Builds the context from a resolved stack configuration. */
export function contextFromStackConfig(config: StackConfig, source: ContextSource, origin: string): PolicyContext {
  return Object.freeze({
    environment: config.environment,
    profile: config.profile,
    fluxNamespace: config.flux.namespace,
    imageAutomation: config.flux.imageAutomation,
    // In operator mode the Flux Operator creates them (the FluxInstance's cluster.networkPolicy), not the stack.
    networkPolicy: config.flux.networkPolicy && config.flux.installMode === "bootstrap",
    // The repository the ImageUpdateAutomation commits to (flux.imageUpdateAutomation.repository, default infra).
    infraRepository:
      config.flux.imageUpdateAutomation?.repository === "apps" ? config.github.appsRepository : config.github.infraRepository,
    source,
    origin,
  });
}

/**
 * Looks for the stack's configuration as the engine hands it to a policy pack (1), or in the
 * stack file (2). `projectDir` is where `Pulumi.yaml` and `Pulumi.<stack>.yaml` live.
 */
export function stackContextFromEngine(env: EngineEnvironment, projectDir: string): StackLookup {
  const qualifiedStack = nonEmpty(env.PULUMI_NODEJS_STACK) ?? nonEmpty(env.PULUMI_STACK);
  if (qualifiedStack === undefined) {
    return { note: "no stack name in the environment (PULUMI_NODEJS_STACK): the pack is not running under pulumi preview/up" };
  }
  const stack = qualifiedStack.split("/").pop() as string;
  const project = nonEmpty(env.PULUMI_NODEJS_PROJECT) ?? nonEmpty(env.PULUMI_PROJECT);
  if (project !== undefined && project !== projectName) {
    return { note: `project ${project} is not ${projectName}: its stack configuration means nothing to this pack` };
  }

  let values: Record<string, unknown> | undefined = valuesFromEngineJson(env.PULUMI_CONFIG);
  let source: ContextSource = "stack-config";
  let origin = `stack ${stack}: configuration passed by the Pulumi engine`;
  if (values === undefined) {
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile) || !isThisProject(projectDir)) {
      return { note: `stack ${stack}: the engine passed no configuration and ${stackFile} is not a stack file of ${projectName}` };
    }
    values = valuesFromStackFile(stackFile);
    source = "stack-file";
    origin = `stack ${stack}: ${stackFile}`;
  }

  try {
    const config = resolveStackConfig({ project: projectName, stack, values, cacheDir: path.join(projectDir, ".unused-cache") });
    return { context: contextFromStackConfig(config, source, origin), note: origin };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    return { note: `stack ${stack}: its configuration does not resolve (${first}); the program fails with the same error` };
  }
}

/**
 * Chooses the context for one validation: the stack's own configuration when it was found,
 * else the policy's configuration, else the resource's `environment` tag, else the defaults.
 */
export class ContextResolver {
  constructor(readonly stack: StackLookup) {}

  resolve(policyConfig: ContextPolicyConfig, environmentTag?: unknown): PolicyContext {
    if (this.stack.context !== undefined) return this.stack.context;
    if (hasContextKeys(policyConfig)) return contextFromPolicyConfig(policyConfig);
    if (typeof environmentTag === "string" && environmentTag !== "") {
      return defaultsFor(
        environmentTag,
        defaultProfileFor(environmentTag),
        "resource-tag",
        `the resource's environment tag (${environmentTag}); ${this.stack.note}`,
      );
    }
    return defaultsFor("unknown", "production", "default", `nothing known, production profile assumed; ${this.stack.note}`);
  }
}

/**
 * The `--policy-pack-config` file content that gives every policy the context of a stack:
 * `{ "<policy>": { environment, profile, ... } }`. CI can write it per stack when it runs the
 * pack outside `pulumi preview/up` of this project (the engine path needs no file).
 */
export function policyPackConfigFor(context: PolicyContext, policyNames: readonly string[]): Record<string, ContextPolicyConfig> {
  const entry: ContextPolicyConfig = {
    environment: context.environment,
    profile: context.profile,
    fluxNamespace: context.fluxNamespace,
    imageAutomation: context.imageAutomation,
    networkPolicy: context.networkPolicy,
    ...(context.infraRepository === undefined ? {} : { infraRepository: context.infraRepository }),
  };
  return Object.fromEntries(policyNames.map((name) => [name, { ...entry }]));
}

function contextFromPolicyConfig(config: ContextPolicyConfig): PolicyContext {
  const environment = config.environment ?? "unknown";
  const profile = config.profile ?? (config.environment === undefined ? "production" : defaultProfileFor(config.environment));
  return Object.freeze({
    ...defaultsFor(environment, profile, "policy-config", "policy pack configuration (--policy-pack-config)"),
    ...(config.fluxNamespace === undefined ? {} : { fluxNamespace: config.fluxNamespace }),
    ...(config.imageAutomation === undefined ? {} : { imageAutomation: config.imageAutomation }),
    ...(config.networkPolicy === undefined ? {} : { networkPolicy: config.networkPolicy }),
    ...(config.infraRepository === undefined ? {} : { infraRepository: config.infraRepository }),
  });
}

function defaultsFor(environment: string, profile: Profile, source: ContextSource, origin: string): PolicyContext {
  return Object.freeze({
    environment,
    profile,
    fluxNamespace: commonDefaults.flux.namespace,
    imageAutomation: false,
    networkPolicy: commonDefaults.flux.networkPolicy,
    source,
    origin,
  });
}

const contextKeys = ["environment", "profile", "fluxNamespace", "imageAutomation", "networkPolicy", "infraRepository"] as const;

function hasContextKeys(config: ContextPolicyConfig): boolean {
  return contextKeys.some((key) => config[key] !== undefined);
}

/**
 * `PULUMI_CONFIG` as the namespace's values. The engine sends a JSON object of full keys
 * (`aks-flux-gitops:cluster`) to values: strings, with objects JSON-encoded, as for the
 * program; structured values are accepted too. Undefined when absent or without our keys.
 */
function valuesFromEngineJson(text: string | undefined): Record<string, unknown> | undefined {
  if (nonEmpty(text) === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text as string);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const asStrings: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    asStrings[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  const values = valuesFromEngine(asStrings);
  return Object.keys(values).length > 0 ? values : undefined;
}

function isThisProject(projectDir: string): boolean {
  try {
    return projectNameFromDir(projectDir) === projectName;
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
