import { problem } from "./errors";

/** The `sops.*` keys that decide which age key generations exist. */
export interface AgeKeyGenerationKeys {
  readonly ageKeyGeneration?: number;
  readonly keepPreviousAgeKey?: boolean;
  readonly ageKeyGenerations?: readonly number[];
}

/**
 * The generations whose keys exist and decrypt, current first. Either the explicit
 * `sops.ageKeyGenerations` list, or the shorthand `sops.ageKeyGeneration: N` that keeps
 * N and, while `keepPreviousAgeKey` (default true), N-1. A generation is deleted only
 * when it leaves this list.
 */
export function keptAgeKeyGenerations(sops: AgeKeyGenerationKeys): number[] {
  if (sops.ageKeyGenerations !== undefined && sops.ageKeyGenerations.length > 0) return [...sops.ageKeyGenerations];
  const current = sops.ageKeyGeneration ?? 0;
  return current > 0 && (sops.keepPreviousAgeKey ?? true) ? [current, current - 1] : [current];
}

/** Problems of the age key keys on their own (without the previous deployment). */
export function ageKeyGenerationProblems(sops: AgeKeyGenerationKeys): string[] {
  const list = sops.ageKeyGenerations;
  if (list === undefined) return [];
  const problems: string[] = [];
  const key = ["sops", "ageKeyGenerations"];
  if (list.length === 0) problems.push(problem(key, list, "must list at least the current generation, e.g. [1, 0]"));
  for (let i = 1; i < list.length; i++) {
    if (list[i] >= list[i - 1]) {
      problems.push(
        problem(
          key,
          list,
          `must list the current (newest) generation first and each older one once, newest to oldest (${list[i]} comes after ${list[i - 1]}); going back to an older key is refused: rotate forward to a new generation instead`,
        ),
      );
      break;
    }
  }
  if (sops.ageKeyGeneration !== undefined && list.length > 0 && sops.ageKeyGeneration !== list[0]) {
    problems.push(
      problem(
        ["sops", "ageKeyGeneration"],
        sops.ageKeyGeneration,
        `differs from the first (current) entry of sops.ageKeyGenerations (${list[0]}); set only sops.ageKeyGenerations`,
      ),
    );
  }
  if (sops.keepPreviousAgeKey !== undefined) {
    problems.push(
      problem(
        ["sops", "keepPreviousAgeKey"],
        sops.keepPreviousAgeKey,
        "cannot be combined with sops.ageKeyGenerations, which lists every kept generation itself; remove one of them",
      ),
    );
  }
  return problems;
}

/**
 * Problems of a rotation step: `previous` are the generations of the last deployment
 * (the stack output `sopsAgeKeyGenerations`), `next` those of this one. Refuses going
 * back (the newer key's seed would be deleted while files are encrypted to it) and,
 * with the `ageKeyGeneration` shorthand, a jump of more than one generation (which
 * would delete the generation still in use without anyone listing it).
 */
export function ageKeyRotationProblems(previous: readonly number[] | undefined, next: readonly number[], explicitList: boolean): string[] {
  if (previous === undefined || previous.length === 0) return [];
  const [was, now] = [previous[0], next[0]];
  const key = explicitList ? ["sops", "ageKeyGenerations"] : ["sops", "ageKeyGeneration"];
  const value = explicitList ? next : now;
  if (now < was) {
    return [
      problem(
        key,
        value,
        `goes back from age key generation ${was} (the last deployment's current key) to ${now}: refused, files are encrypted to generation ${was} and its key would be deleted; rotate forward to ${was + 1} instead (docs/sops.md, "Rotating the age key")`,
      ),
    ];
  }
  if (!explicitList && now > was + 1) {
    return [
      problem(
        key,
        value,
        `jumps from age key generation ${was} to ${now}: rotate one generation at a time (set ${was + 1}), or list the generations to keep explicitly, e.g. \`sops.ageKeyGenerations: [${now}, ${was}]\`, so generation ${was} is not deleted while files are still encrypted to it`,
      ),
    ];
  }
  return [];
}
