/** Config keys the release-manifest messages point the user at. */
export const CONFIG_KEYS = Object.freeze({
  version: "aks-flux-gitops:flux.version",
  manifests: "aks-flux-gitops:flux.manifests",
  manifestsSha256: "aks-flux-gitops:flux.manifestsSha256",
});

/**
 * Every failure to obtain Flux's release manifests. The message is one line:
 * what was fetched or read, from where, why it failed, and the fix. `badInput`:
 * the stack's configuration alone is at fault (a version the lock lacks, a digest
 * that is not one), so render exits 2 as for any bad config; otherwise 1.
 */
export class ReleaseManifestsError extends Error {
  readonly badInput: boolean;
  constructor(message: string, options?: { cause?: unknown; badInput?: boolean }) {
    super(oneLine(message), options);
    this.name = "ReleaseManifestsError";
    this.badInput = options?.badInput ?? false;
  }
}

/** A short, single-line reason for a caught error, including the cause that Node's fetch hides. */
export function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return oneLine(String(err));
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error && !err.message.includes(cause.message)) {
    const code = (cause as NodeJS.ErrnoException).code;
    const causeText = code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
    return oneLine(`${err.message}: ${causeText}`);
  }
  return oneLine(err.message);
}

export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").trim();
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
