import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import type { DeployFacts } from "../../plan/deployFacts";
import type { PlannedFile } from "../../plan/repositoryFiles";

export interface RepositoryFilesArgs {
  readonly githubProvider: github.Provider;
  /** Repository name (without owner). */
  readonly repository: pulumi.Input<string>;
  /** Branch to commit to; undefined commits to the repository's default branch (works on an empty repository). */
  readonly branch?: string;
  /** Files of this repository, in commit order. */
  readonly files: readonly PlannedFile[];
  /** Team-owned paths that already exist (or were changed by the team): left alone. Default: none. */
  readonly skipPaths?: ReadonlySet<string>;
  readonly facts: pulumi.Input<DeployFacts>;
  readonly commitAuthor: { readonly name: string; readonly email: string };
  /** Resources the first commit waits for. */
  readonly after?: pulumi.Input<pulumi.Resource>[];
}

/**
 * Commits files to one repository branch, one after the other: GitHub's contents
 * API rejects concurrent commits to the same branch, and the first commit of an
 * empty repository must land before the others.
 */
export class RepositoryFiles extends pulumi.ComponentResource {
  readonly files: github.RepositoryFile[];

  constructor(name: string, args: RepositoryFilesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:github:RepositoryFiles", name, {}, opts);
    const skip = args.skipPaths ?? new Set<string>();
    const facts = pulumi.output(args.facts);
    this.files = [];
    let previous: pulumi.Input<pulumi.Resource>[] = args.after ?? [];
    for (const file of args.files) {
      if (file.owner === "team" && skip.has(file.path)) continue;
      const teamOwned = file.owner === "team";
      const created = new github.RepositoryFile(
        `${name}-${file.path}`,
        {
          repository: args.repository,
          branch: args.branch,
          file: file.path,
          content: file.usesDeployFacts ? facts.apply((f) => file.content(f)) : file.content(placeholderFreeFacts),
          commitMessage: file.commitMessage,
          commitAuthor: args.commitAuthor.name,
          commitEmail: args.commitAuthor.email,
          overwriteOnCreate: !teamOwned,
        },
        {
          parent: this,
          provider: args.githubProvider,
          dependsOn: previous,
          // Team-owned entry points are created once and then belong to the team.
          ...(teamOwned ? { ignoreChanges: ["content", "commitMessage", "commitAuthor", "commitEmail"], retainOnDelete: true } : {}),
        },
      );
      this.files.push(created);
      previous = [created];
    }
    this.registerOutputs({ files: this.files.map((f) => f.file) });
  }
}

/** Static files never read the facts; this makes that explicit. */
const placeholderFreeFacts: DeployFacts = new Proxy({} as DeployFacts, {
  get: (_target, key) => {
    throw new Error(`a static repository file read deploy fact ${String(key)}`);
  },
});
