import type { GitRef } from "../generators/git/gitRef";

/** One Flux source the stack creates, and where its content first exists. */
export interface SourceToRelease {
  /** Repository name (without owner), also the directory of its checkout in the commands. */
  readonly repository: string;
  readonly ref: GitRef;
  /** The path the source's Kustomization reconciles, e.g. `apps/overlays/staging`. */
  readonly path: string;
  /** The commit at which every file this stack writes for the source exists (the last of its commits). */
  readonly commitSha: string;
}

/**
 * What a user must do before a source that follows a tag, a semver range or a commit can become
 * Ready. On day 1 the stack commits the environment's entry point to the branch after any tag was
 * cut, so Flux reports "path not found" (or "no match") until a tag contains it: this says exactly
 * which tag to cut, and where. Sources that follow a branch need nothing.
 */
export function tagsToCutText(sources: readonly SourceToRelease[]): string {
  const lines = sources.flatMap((s) => {
    const checkout = `git -C ${s.repository}`;
    const file = `${s.path}/`;
    if ("branch" in s.ref) return [];
    if ("tag" in s.ref) {
      const tag = s.ref.tag;
      return [
        `${s.repository}: Flux follows tag ${tag}, which must contain ${file}. If ${tag} does not exist yet (day 1) or predates that file, cut it at ${s.commitSha}, the commit where everything this stack wrote exists:`,
        `  ${checkout} fetch origin && ${checkout} tag ${tag} ${s.commitSha} && ${checkout} push origin ${tag}`,
      ];
    }
    if ("semver" in s.ref) {
      return [
        `${s.repository}: Flux follows the highest version tag matching ${JSON.stringify(s.ref.semver)}, which must contain ${file}. If no such tag exists yet (day 1), cut one (vX.Y.Z, no environment prefix: Flux reads tags as versions) at ${s.commitSha}:`,
        `  ${checkout} fetch origin && ${checkout} tag vX.Y.Z ${s.commitSha} && ${checkout} push origin vX.Y.Z`,
      ];
    }
    return [
      `${s.repository}: Flux is pinned to commit ${s.ref.commit}, which must contain ${file}; this stack wrote it in ${s.commitSha}: pin a commit at or after it.`,
    ];
  });
  return lines.length === 0 ? "none: every Flux source of this environment follows a branch" : lines.join("\n");
}
