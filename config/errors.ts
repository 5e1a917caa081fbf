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

/** Keys whose values are credentials: never shown, and never accepted in plain text in a stack file. */
export const secretPaths: ReadonlySet<string> = new Set([
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

/**
 * Top-level keys whose whole value the engine marks secret (`pulumi config set
 * --secret --path x.y` makes all of `x` secret, decrypted): their strings are never
 * shown. Set by `withSecretKeys` for the duration of one synchronous validation.
 */
let secretTopLevelKeys: ReadonlySet<string> = new Set();

export function withSecretKeys<T>(keys: ReadonlySet<string>, body: () => T): T {
  const previous = secretTopLevelKeys;
  secretTopLevelKeys = keys;
  try {
    return body();
  } finally {
    secretTopLevelKeys = previous;
  }
}

/** True for `{secure: ...}` (a stack file's encrypted value) anywhere inside `value`. */
export function containsSecure(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, "secure")) return true;
  return Object.values(value as Record<string, unknown>).some(containsSecure);
}

/** `value` with every `{secure: ...}` replaced by "<secret>" (and every string, under an engine secret). */
function redact(value: unknown, allStrings: boolean): unknown {
  if (typeof value === "string") return allStrings ? "<secret>" : value;
  if (value === null || typeof value !== "object") return value;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, "secure")) return "<secret>";
  if (Array.isArray(value)) return value.map((v) => redact(v, allStrings));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: redact(v, allStrings), enumerable: true });
  return out;
}

/** The offending value as the message shows it: JSON, shortened, secrets never shown. */
export function describeValue(path: readonly PropertyKey[], value: unknown): string {
  if (holdsSecret(path, value)) return "<secret>";
  if (value === undefined) return "(missing)";
  const underEngineSecret = path.length > 0 && secretTopLevelKeys.has(String(path[0]));
  if (underEngineSecret && typeof value === "string") return "<secret>";
  const text = JSON.stringify(redact(value, underEngineSecret)) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function problem(path: readonly PropertyKey[], value: unknown, message: string): string {
  return `${fullKey(path)}: ${describeValue(path, value)} ${message}`;
}
