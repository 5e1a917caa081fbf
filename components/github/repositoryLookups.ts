import * as github from "@pulumi/github";
import type { PlannedFile } from "../../plan/repositoryFiles";

/**
 * Read-only GitHub lookups made while the program is evaluated (previews too).
 * They decide plain things only: which branch argument to pass, and which team-owned
 * files to leave alone.
 */

/** The repository's default branch, or undefined when it cannot be read (e.g. the stack creates it). */
export async function defaultBranchOf(repository: string, provider: github.Provider): Promise<string | undefined> {
  try {
    const result = await github.getRepository({ name: repository }, { provider });
    return result.defaultBranch || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Team-owned entry points to leave alone: those that exist and were last changed by
 * someone else than this stack's own creating commit. A missing file, or one still as
 * this stack created it, stays declared (created once, then ignored). A failed lookup
 * counts as missing: creating never overwrites an existing file.
 */
export async function teamOwnedPathsToSkip(
  files: readonly PlannedFile[],
  branchFor: (repository: string) => string | undefined,
  provider: github.Provider,
): Promise<Map<string, Set<string>>> {
  const skip = new Map<string, Set<string>>();
  for (const file of files.filter((f) => f.owner === "team")) {
    let existing: github.GetRepositoryFileResult | undefined;
    try {
      existing = await github.getRepositoryFile({ repository: file.repository, file: file.path, branch: branchFor(file.repository) }, { provider });
    } catch {
      existing = undefined;
    }
    const exists = existing !== undefined && existing.sha !== undefined && existing.sha !== "";
    if (exists && existing?.commitMessage !== file.commitMessage) {
      if (!skip.has(file.repository)) skip.set(file.repository, new Set());
      skip.get(file.repository)?.add(file.path);
    }
  }
  return skip;
}
