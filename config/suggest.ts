/** The candidate closest to `name` (case-insensitive edit distance), if within `maxDistance` (default: a third of its length, at least 2). */
export function closestName(name: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = maxDistance ?? Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    const isPrefix = lower.length >= 4 && candidate.toLowerCase().startsWith(lower);
    // The distance is at least the difference in length: skip the quadratic comparison when that is too far already.
    if (!isPrefix && Math.abs(lower.length - candidate.length) > limit) continue;
    const distance = isPrefix ? 1 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
