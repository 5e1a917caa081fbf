import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { configNamespace } from "./errors";
import { objectKeys } from "./schema";

/**
 * Where configuration comes from: the Pulumi engine (during `pulumi up/preview`)
 * or a stack file on disk (for `npm run render`). Both yield the values of our
 * namespace keyed without the prefix. This module and `loadStackConfig` are the
 * only code that reads configuration or environment variables.
 */
export type NamespaceValues = Record<string, unknown>;

/** Values from `pulumi.runtime.allConfig()`: strings, objects JSON-encoded. */
export function valuesFromEngine(allConfig: Readonly<Record<string, string>>): NamespaceValues {
  const values: NamespaceValues = {};
  for (const [fullKey, text] of Object.entries(allConfig)) {
    const key = stripNamespace(fullKey);
    if (key === undefined) continue;
    // Unknown keys holding an object arrive JSON-encoded too; decode them so errors show them as written.
    values[key] = objectKeys.has(key) || /^[[{]/.test(text) ? parseJsonOr(text) : text;
  }
  return values;
}

/** Values from a `Pulumi.<stack>.yaml` file; secure values stay `{secure: ...}`. */
export function valuesFromStackFile(stackFile: string): NamespaceValues {
  const document = parseYaml(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null;
  const values: NamespaceValues = {};
  for (const [fullKey, value] of Object.entries(document?.config ?? {})) {
    const key = stripNamespace(fullKey);
    if (key !== undefined) values[key] = value;
  }
  return values;
}

/** The project name from `Pulumi.yaml` in `projectDir`. */
export function projectNameFromDir(projectDir: string): string {
  const project = parseYaml(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string };
  return project.name;
}

/** `$XDG_CACHE_HOME/aks-flux-gitops`, or `~/.cache/aks-flux-gitops`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== "" ? env.XDG_CACHE_HOME : path.join(os.homedir(), ".cache");
  return path.join(base, configNamespace);
}

/**
 * The token for the GitHub provider. Read here, not by the provider SDK, which would copy it
 * into the provider's inputs unencrypted; the program passes it on as a Pulumi secret.
 */
export function githubTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.GITHUB_TOKEN;
  return token === undefined || token === "" ? undefined : token;
}

function stripNamespace(fullKey: string): string | undefined {
  const prefix = `${configNamespace}:`;
  if (!fullKey.startsWith(prefix)) return undefined;
  const key = fullKey.slice(prefix.length);
  return key.startsWith("config:") ? key.slice("config:".length) : key;
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
