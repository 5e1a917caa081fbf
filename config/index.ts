import * as pulumi from "@pulumi/pulumi";
import { resolveStackConfig } from "./resolve";
import { defaultCacheDir, githubTokenFromEnv, valuesFromEngine } from "./sources";

export { ConfigError } from "./errors";
export type * from "./types";

/** Reads the running stack's configuration once, validates and defaults it. Throws ConfigError. */
export function loadStackConfig() {
  return resolveStackConfig({
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    values: valuesFromEngine(pulumi.runtime.allConfig()),
    cacheDir: defaultCacheDir(),
    githubToken: githubTokenFromEnv(),
  });
}
