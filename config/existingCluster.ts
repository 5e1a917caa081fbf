import { parse as parseYaml } from "yaml";
import { problem } from "./errors";
import type { RawConfig } from "./schema";

/**
 * Guard rails for a bring-your-own cluster (`cluster.existingKubeconfig`): the kubeconfig
 * is a Pulumi secret and a usable kubeconfig, and keys that only shape an AKS cluster
 * (or, without a Key Vault, only Azure resources) are errors instead of being ignored.
 * Messages never show the kubeconfig.
 */
export function checkExistingCluster(raw: RawConfig, isSecret: boolean, problems: string[]): void {
  const c = raw.cluster ?? {};
  const kubeconfig = c.existingKubeconfig;
  if (kubeconfig === undefined) {
    if (raw.sops?.keyVault === false) {
      problems.push(
        problem(
          ["sops", "keyVault"],
          false,
          "is only for bring-your-own clusters (cluster.existingKubeconfig): an AKS environment keeps its age key in a Key Vault; remove sops.keyVault",
        ),
      );
    }
    return;
  }
  const setSecret = '`pulumi config set --secret --path cluster.existingKubeconfig "$(cat kubeconfig)"`';
  if (!isSecret) {
    problems.push(
      problem(
        ["cluster", "existingKubeconfig"],
        kubeconfig,
        `is stored in plain text, but a kubeconfig holds credentials; remove it from the stack file and set it with ${setSecret}`,
      ),
    );
  }
  if (typeof kubeconfig === "string") {
    const reason = kubeconfigProblem(kubeconfig);
    if (reason)
      problems.push(
        problem(
          ["cluster", "existingKubeconfig"],
          kubeconfig,
          `${reason}; set the file \`kubectl config view --minify --flatten\` prints with ${setSecret}`,
        ),
      );
  }
  for (const key of Object.keys(c)) {
    if (key === "existingKubeconfig" || key === "name") continue;
    problems.push(
      problem(
        ["cluster", key],
        (c as Record<string, unknown>)[key],
        "only shapes an AKS cluster this stack creates, but this stack brings its own cluster (cluster.existingKubeconfig); remove it",
      ),
    );
  }
  if (raw.sops?.keyVault !== false) return;
  for (const key of [
    "decrypterObjectIds",
    "purgeProtection",
    "softDeleteRetentionDays",
    "keyVaultName",
    "recoverSoftDeletedVault",
  ] as const) {
    if (raw.sops?.[key] !== undefined)
      problems.push(problem(["sops", key], raw.sops[key], "configures the Key Vault, but sops.keyVault is false; remove it"));
  }
  for (const key of Object.keys(raw.azure ?? {})) {
    problems.push(
      problem(
        ["azure", key],
        (raw.azure as Record<string, unknown>)[key],
        "is not used: with sops.keyVault false and a bring-your-own cluster this stack creates nothing in Azure; remove it",
      ),
    );
  }
}

/** Why `text` is not a kubeconfig kubectl could use, or undefined. */
export function kubeconfigProblem(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return "is not YAML, so not a kubeconfig";
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    return "is not a kubeconfig (a YAML map with clusters, users and contexts)";
  const config = doc as Record<string, unknown>;
  if (config.kind !== undefined && config.kind !== "Config") return "is not a kubeconfig (its kind is not Config)";
  const named = (list: unknown) =>
    (Array.isArray(list) ? list : []).filter((e) => e && typeof e === "object" && typeof e.name === "string") as {
      name: string;
      [k: string]: unknown;
    }[];
  const current = config["current-context"];
  if (typeof current !== "string" || current === "")
    return "has no current-context (run `kubectl config use-context <name>` before exporting it)";
  const context = named(config.contexts).find((e) => e.name === current)?.context as { cluster?: unknown; user?: unknown } | undefined;
  if (!context) return "names a current-context that is not among its contexts";
  if (!named(config.clusters).some((e) => e.name === context.cluster))
    return "has a current context whose cluster is not among its clusters";
  if (context.user !== undefined && !named(config.users).some((e) => e.name === context.user))
    return "has a current context whose user is not among its users";
  return undefined;
}
