import { problem, secretPaths } from "./errors";
import type { RawConfig } from "./schema";

/**
 * A stack file is committed to Git, so a credential in it must be encrypted (`{secure: ...}`, written by
 * `pulumi config set --secret`). Under the engine the values arrive decrypted and `secretKeys` says which
 * top-level keys Pulumi holds as secrets. `cluster.existingKubeconfig` has its own check (existingCluster.ts).
 */
export function checkPlainTextSecrets(raw: RawConfig, secretKeys: ReadonlySet<string> | undefined, problems: string[]): void {
  for (const key of secretPaths) {
    if (key === "cluster.existingKubeconfig") continue;
    const path = key.split(".");
    const value = path.reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], raw);
    if (value === undefined) continue;
    const encrypted = secretKeys === undefined ? typeof value === "object" : secretKeys.has(path[0]);
    if (!encrypted) {
      problems.push(
        problem(
          path,
          value,
          `is stored in plain text, but it is a credential and the stack file is committed to Git; remove it from the stack file and set it with \`pulumi config set --secret --path ${key} <value>\``,
        ),
      );
    }
  }
}
