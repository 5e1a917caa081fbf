import { formatBytes, reasonOf } from "./errors";

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Attempts per file: one, then two retries. */
export const DEFAULT_DOWNLOAD_ATTEMPTS = 3;
/** Waits before the second and third attempt; doubles each time. */
export const DEFAULT_RETRY_DELAY_MS = 1_000;

export interface DownloadOptions {
  /** Default: the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
  /** Per attempt, body included. Default `DEFAULT_DOWNLOAD_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
  /** Bound on attempts, at least 1. Default `DEFAULT_DOWNLOAD_ATTEMPTS`. */
  readonly attempts?: number;
  /** First backoff; each later one doubles. Default `DEFAULT_RETRY_DELAY_MS`. */
  readonly retryDelayMs?: number;
  /** Told once about every failed attempt that will be retried. */
  readonly onRetry?: (message: string) => void;
}

/** A failure worth another attempt: 5xx, 429, connection resets, timeouts, bodies cut short. */
export class TransientDownloadError extends Error {}

/**
 * GET with redirects followed and bounded retries with exponential backoff for
 * transient failures; a 4xx (but 429) or an oversized body fails at once.
 */
export async function downloadWithRetries(url: string, maxBytes: number, opts: DownloadOptions = {}): Promise<Buffer> {
  const attempts = Math.max(1, opts.attempts ?? DEFAULT_DOWNLOAD_ATTEMPTS);
  const baseDelay = opts.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(url, maxBytes, opts.fetchImpl ?? fetch, opts.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS);
    } catch (err) {
      if (!(err instanceof TransientDownloadError) || attempt >= attempts) {
        throw attempt > 1 ? new Error(`${reasonOf(err)} (after ${attempt} attempts)`, { cause: err }) : err;
      }
      const delay = baseDelay * 2 ** (attempt - 1);
      opts.onRetry?.(`GET ${url} failed (${reasonOf(err)}), attempt ${attempt} of ${attempts}; retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function downloadOnce(url: string, maxBytes: number, fetchImpl: typeof fetch, timeoutMs: number): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  // Network errors (reset, refused, DNS, a body cut short) and timeouts are all worth another attempt.
  const network = (err: unknown): Error =>
    signal.aborted
      ? new TransientDownloadError(`timed out after ${timeoutMs} ms`)
      : new TransientDownloadError(reasonOf(err), { cause: err });
  const tooLarge = (): Error => new Error(`response is larger than the ${formatBytes(maxBytes)} limit`);

  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: "follow", signal });
  } catch (err) {
    throw network(err);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const reason = `HTTP ${response.status} ${response.statusText}`.trim();
    throw response.status >= 500 || response.status === 429 ? new TransientDownloadError(reason) : new Error(reason);
  }
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (err) {
      throw network(err);
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, total);
}
