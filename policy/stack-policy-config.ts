import * as path from "node:path";
import { resolveStackConfig } from "../config/resolve";
import { valuesFromStackFile } from "../config/sources";
import { ContextResolver, contextFromStackConfig, policyPackConfigFor, projectName } from "./environment";
import { createPolicies } from "./policies";

/**
 * Writes the `--policy-pack-config` file that gives every policy a stack's context, for runs
 * where the engine cannot hand the pack the stack's configuration itself:
 *
 *   npx ts-node --transpile-only policy/stack-policy-config.ts prod > prod-policy.json
 *   pulumi preview --stack prod --policy-pack policy --policy-pack-config prod-policy.json
 */
export function stackPolicyConfig(stack: string, projectDir: string): Record<string, unknown> {
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const config = resolveStackConfig({
    project: projectName,
    stack,
    values: valuesFromStackFile(stackFile),
    cacheDir: path.join(projectDir, ".unused-cache"),
  });
  const names = createPolicies(new ContextResolver({ note: "listing names only" })).map((policy) => policy.name);
  return policyPackConfigFor(contextFromStackConfig(config, "stack-file", stackFile), names);
}

if (require.main === module) {
  const [stack, projectDir = path.resolve(__dirname, "..")] = process.argv.slice(2);
  if (stack === undefined) {
    console.error("usage: stack-policy-config.ts <stack> [project-dir]");
    process.exit(2);
  }
  console.log(JSON.stringify(stackPolicyConfig(stack, projectDir), null, 2));
}
