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

/**
 * True for a secret key, for anything inside one (`notifications.githubToken.extra`), for whatever is
 * written where a secret-holding object belongs (`notifications.chat: <URL>`), and for a `secure` key
 * anywhere (`github: {secure: ...}` makes the whole section a secret).
 */
function holdsSecret(path: readonly PropertyKey[], value: unknown): boolean {
  if (value === undefined) return false;
  if (path.some((segment) => segment === "secure")) return true;
  const key = keyPath(path).replace(/\[\d+\]/g, "");
  return [...secretPaths].some((p) => key === p || key.startsWith(`${p}.`) || key === "" || p.startsWith(`${key}.`));
}

/**
 * Unknown or misspelt key names that say they hold a credential (`githubTokn`, `password`): their
 * values are never shown, as a stack file's author may have put a real one there.
 */
export function looksLikeSecretKey(key: string): boolean {
  return /token|secret|passw|privat|kubeconf|credential|api_?key|webhook|secure/i.test(key);
}

/** Text that is a credential whatever key holds it: GitHub tokens, private keys, chat webhooks, kubeconfig credentials. */
const secretText =
  /\b(gh[pousr]_[A-Za-z0-9]{16,}|github_pat_\w{16,}|xox[abprs]-[\w-]+)|-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|hooks\.slack\.com\/services\/|webhook\.office\.com\/|(^|\n)\s*-?\s*(token|client-key-data|password|secret)\s*:/i;

export function looksLikeSecretText(text: string): boolean {
  return secretText.test(text);
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
  if (typeof value === "string") return allStrings || looksLikeSecretText(value) ? "<secret>" : value;
  if (value === null || typeof value !== "object") return value;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, "secure")) return "<secret>";
  if (Array.isArray(value)) return value.map((v) => redact(v, allStrings));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, { value: looksLikeSecretKey(k) ? "<secret>" : redact(v, allStrings), enumerable: true });
  return out;
}

/** The offending value as the message shows it: JSON, shortened, secrets never shown. */
export function describeValue(path: readonly PropertyKey[], value: unknown): string {
  if (holdsSecret(path, value)) return "<secret>";
  if (value === undefined) return "(missing)";
  const underEngineSecret = path.length > 0 && secretTopLevelKeys.has(String(path[0]));
  if (underEngineSecret && typeof value === "string") return "<secret>";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(redact(value, underEngineSecret)) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function problem(path: readonly PropertyKey[], value: unknown, message: string): string {
  return `${fullKey(path)}: ${describeValue(path, value)} ${message}`;
}
