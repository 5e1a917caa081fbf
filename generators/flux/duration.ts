/**
 * Go `time.Duration` parsing and formatting, so durations written to Git look
 * exactly as Flux writes them (`1m0s`, `10m0s`, `1h0m0s`).
 */
const unitNanos: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const durationPattern = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/;

/** Parses a Go duration string ("90s", "1m", "1h30m") into nanoseconds; undefined if malformed. */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  let rest = text;
  let total = 0;
  if (rest.length === 0) return undefined;
  while (rest.length > 0) {
    const match = durationPattern.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * unitNanos[match[2]];
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** Formats nanoseconds as Go's `Duration.String()` does for whole seconds and above. */
export function formatGoDuration(nanos: number): string {
  if (nanos === 0) return "0s";
  if (nanos < 1e9) {
    if (nanos % 1e6 === 0) return `${nanos / 1e6}ms`;
    if (nanos % 1e3 === 0) return `${nanos / 1e3}µs`;
    return `${nanos}ns`;
  }
  const totalSeconds = nanos / 1e9;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Number((totalSeconds % 60).toFixed(9));
  const secondsText = `${seconds}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}

/** Normalises a duration to Go's canonical form, e.g. "1m" -> "1m0s". */
export function canonicalGoDuration(text: string): string | undefined {
  const nanos = parseGoDuration(text);
  return nanos === undefined ? undefined : formatGoDuration(nanos);
}
