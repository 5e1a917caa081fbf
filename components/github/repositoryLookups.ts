import * as github from "@pulumi/github";
import type { PlannedFile } from "../../plan/repositoryFiles";

/**
 * Read-only GitHub lookups made while the program is evaluated (previews too).
 * They decide plain things only: which branch argument to pass, and which team-owned
 * files to leave alone.
 */

/** Why a repository could not be read: the data source's error, or `not found` (it answers a 404 with empty fields). */
export class RepositoryLookupError extends Error {}

/**
 * The repository's default branch. A failed lookup is an error, never a guess: the branch
 * argument of every committed file depends on it (see `branchInput`).
 */
export async function defaultBranchOf(repository: string, provider: github.Provider): Promise<string> {
  let result: github.GetRepositoryResult;
  try {
    result = await github.getRepository({ name: repository }, { provider });
  } catch (error) {
    const first =
      (error instanceof Error ? error.message : String(error)).split("\n").find((line) => line.trim() !== "") ?? "the lookup failed";
    throw new RepositoryLookupError(first.length > 200 ? `${first.slice(0, 197)}...` : first);
  }
  // integrations/terraform-provider-github data_source_github_repository.go: a 404 is no error, only empty fields.
  if (!result.defaultBranch) throw new RepositoryLookupError("not found");
  return result.defaultBranch;
}

/**
 * The `branch` argument of a repository's files. It forces replacement in the GitHub provider
 * (resource_github_repository_file.go: Optional, Computed, ForceNew), and a replacement of a file
 * on the same branch deletes it after re-creating it, so it must resolve to `github.branch` on every
 * run: omitted (the default branch, which also works on an empty repository) exactly when the
 * default branch is `github.branch`, explicit otherwise. A repository the stack creates gets
 * `github.branch` as its default branch (BranchDefault), so its files always omit it: no lookup,
 * the same input on the first run (no repository yet) and every later one.
 */
export function branchInput(branch: string, defaultBranch: string | "created by the stack"): string | undefined {
  if (defaultBranch === "created by the stack") return undefined;
  return defaultBranch === branch ? undefined : branch;
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
      existing = await github.getRepositoryFile(
        { repository: file.repository, file: file.path, branch: branchFor(file.repository) },
        { provider },
      );
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
