/**
 * Caps how many problems are shown: a list of 50,000 bad entries or a file of 30,000 unknown keys
 * would otherwise print one line each (megabytes of the same message). At most `perKey` problems
 * of one key (`aks-flux-gitops:layers[0]`, `[1]`, ... count as one key; so do the YAML errors of one
 * file), then a line saying how many more; at most `total` problems in all, then a last line.
 */
export const maxProblemsPerKey = 5;
export const maxProblems = 40;

/** The key or file a problem names: its first word, list indexes and line:column dropped. */
export function problemKey(problem: string): string {
  const first = /^\S+/.exec(problem)?.[0] ?? "";
  return first
    .replace(/:$/, "")
    .replace(/(:\d+)+$/, "")
    .replace(/\[\d+\]/g, "[]");
}

export function capProblems(problems: readonly string[], perKey = maxProblemsPerKey, total = maxProblems): string[] {
  const counts = new Map<string, number>();
  for (const problem of problems) {
    const key = problemKey(problem);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const shownPerKey = new Map<string, number>();
  const kept: string[] = [];
  let accounted = 0;
  for (const problem of problems) {
    const key = problemKey(problem);
    const shown = shownPerKey.get(key) ?? 0;
    shownPerKey.set(key, shown + 1);
    if (shown >= perKey) continue;
    if (kept.length >= total) continue;
    kept.push(problem);
    accounted++;
    const all = counts.get(key) ?? 0;
    if (shown === perKey - 1 && all > perKey) {
      const name = key.replace(/\[\]/g, "");
      kept.push(`${name}: and ${all - perKey} more problems like these (${all} in all); fix them as the ones above say`);
      accounted += all - perKey;
    }
  }
  const hidden = problems.length - accounted;
  if (hidden > 0)
    kept.push(`... and ${hidden} more problems (${problems.length} in all); fix the ones above and render again to see the rest`);
  return kept;
}
