import * as pulumi from "@pulumi/pulumi";
import { resolveStackConfig } from "./resolve";
import { defaultCacheDir, githubTokenFromEnv, readEngineConfig } from "./sources";

export { ConfigError } from "./errors";
export type * from "./types";

/** Reads the running stack's configuration once, validates and defaults it. Throws ConfigError. */
export function loadStackConfig() {
  const { values, secretKeys, problems } = readEngineConfig(pulumi.runtime.allConfig(), isConfigSecret);
  return resolveStackConfig({
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    values,
    secretKeys,
    sourceProblems: problems,
    cacheDir: defaultCacheDir(),
    githubToken: githubTokenFromEnv(),
  });
}

/** Whether Pulumi decrypted this key from a secret (`@pulumi/pulumi`'s runtime knows; its typings do not export it). */
function isConfigSecret(fullKey: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  return runtime.isConfigSecret?.(fullKey) ?? false;
}
