import * as path from "node:path";
import { resolveStackConfig } from "../../../config/resolve";
import { valuesFromStackFile } from "../../../config/sources";
import type { StackConfig } from "../../../config/types";

export const stacks = ["dev", "staging", "prod"] as const;
export type StackName = (typeof stacks)[number];

const root = path.join(__dirname, "..", "..", "..");

/** The validated config of a real stack file, optionally with `cluster.*` overrides. */
export function stackConfig(stack: StackName, cluster: Record<string, unknown> = {}): StackConfig {
  const values = valuesFromStackFile(path.join(root, `Pulumi.${stack}.yaml`));
  const merged = { ...values, cluster: { ...(values.cluster as Record<string, unknown>), ...cluster } };
  return resolveStackConfig({ project: "aks-flux-gitops", stack, cacheDir: "/tmp/unused", values: merged });
}
