/**
 * Whether Flux's source-controller accepts a GitRepository `spec.ref.semver`: it parses the range with
 * Masterminds/semver v3 `NewConstraint` and compares it with every tag that `NewVersion` parses
 * (`v1.5.0` or `1.5.0`); tags that are not versions are skipped. Comparators follow
 * Masterminds' grammar: an optional operator, an optional `v`, up to three numeric or wildcard parts,
 * pre-release and build suffixes; joined by spaces or commas, `||` between alternatives, hyphen ranges.
 */
const part = "(?:0|[1-9][0-9]*|x|X|\\*)";
const suffix = "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
const version = `v?${part}(?:\\.${part}){0,2}${suffix}`;
const comparator = new RegExp(`^(?:=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)?\\s*${version}$`);
const hyphenRange = new RegExp(`^${version}\\s+-\\s+${version}$`);

export function isFluxSemverRange(range: string): boolean {
  if (range.trim() === "") return false;
  return range.split("||").every((alternative) => {
    const text = alternative.trim();
    if (text === "") return false;
    if (hyphenRange.test(text)) return true;
    // Operators may be separated from their version by spaces (">= 1.2"): join them before splitting.
    const joined = text.replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, "$1");
    return joined
      .split(/[\s,]+/)
      .filter((c) => c !== "")
      .every((c) => comparator.test(c));
  });
}

export const semverRangeMessage =
  'must be a semver range Flux can compare tags with, e.g. ">=1.4.0 <2.0.0" or "~1.4": Flux reads tags as versions (v1.5.0 or 1.5.0), ' +
  "so environment-prefixed tags such as staging-v1.5.0 never match a range; pin those with tag: instead (docs/promotion.md)";
