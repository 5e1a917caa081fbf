import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { configNamespace } from "./errors";
import { objectKeys } from "./schema";
import { namespaceProblem, readStackFile } from "./stackFile";

/**
 * Where configuration comes from: the Pulumi engine (during `pulumi up/preview`)
 * or a stack file on disk (for `npm run render`). Both yield the values of our
 * namespace keyed without the prefix. This module and `loadStackConfig` are the
 * only code that reads configuration or environment variables.
 */
export type NamespaceValues = Record<string, unknown>;

/** Values from `pulumi.runtime.allConfig()`: strings, objects JSON-encoded. */
export function valuesFromEngine(allConfig: Readonly<Record<string, string>>): NamespaceValues {
  return readEngineConfig(allConfig, () => false).values;
}

/**
 * The engine's configuration: our namespace's values, which of them Pulumi decrypted
 * from secrets (so messages never show them), and keys under a misspelt namespace.
 */
export function readEngineConfig(
  allConfig: Readonly<Record<string, string>>,
  isSecret: (fullKey: string) => boolean,
): { values: NamespaceValues; secretKeys: Set<string>; problems: string[] } {
  const values: NamespaceValues = {};
  const secretKeys = new Set<string>();
  const problems: string[] = [];
  for (const [fullKey, text] of Object.entries(allConfig)) {
    const key = stripNamespace(fullKey);
    if (key === undefined) {
      const colon = fullKey.indexOf(":");
      const near = colon > 0 ? namespaceProblem(fullKey.slice(0, colon), fullKey.slice(colon + 1)) : undefined;
      if (near) problems.push(near);
      continue;
    }
    // Unknown keys holding an object arrive JSON-encoded too; decode them so errors show them as written.
    const value = objectKeys.has(key) || /^[[{]/.test(text) ? parseJsonOr(text) : text;
    Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
    if (isSecret(fullKey)) secretKeys.add(key);
  }
  return { values, secretKeys, problems };
}

/** Values from a `Pulumi.<stack>.yaml` file; secure values stay `{secure: ...}`. Throws on an unreadable file. */
export function valuesFromStackFile(stackFile: string): NamespaceValues {
  const { values, problems } = readStackFile(stackFile);
  if (problems.length > 0) throw new Error(problems.join("\n"));
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
