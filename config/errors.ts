/** Every problem found in a stack's configuration, reported at once. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export const configNamespace = "aks-flux-gitops";

/** Formats a path as `pulumi config set --path` spells it: `cluster.zones[0]`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function fullKey(path: readonly PropertyKey[]): string {
  return `${configNamespace}:${keyPath(path)}`;
}

const secretPaths = new Set([
  "cluster.existingKubeconfig",
  "notifications.githubToken",
  "notifications.githubApp.privateKey",
  "notifications.chat.address",
]);

/** True for a secret key, and for an object value that contains one (e.g. `notifications.chat`). */
function holdsSecret(path: readonly PropertyKey[], value: unknown): boolean {
  if (value === undefined) return false;
  const key = keyPath(path).replace(/\[\d+\]/g, "");
  if (secretPaths.has(key)) return true;
  return value !== null && typeof value === "object" && [...secretPaths].some((p) => key === "" || p.startsWith(`${key}.`));
}

/** The offending value as the message shows it: JSON, shortened, secrets never shown. */
export function describeValue(path: readonly PropertyKey[], value: unknown): string {
  if (holdsSecret(path, value)) return "<secret>";
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function problem(path: readonly PropertyKey[], value: unknown, message: string): string {
  return `${fullKey(path)}: ${describeValue(path, value)} ${message}`;
}
