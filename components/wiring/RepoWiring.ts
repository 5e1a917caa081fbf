import type * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import type { DeployFacts } from "../../plan/deployFacts";
import type { PlannedFile } from "../../plan/repositoryFiles";
import { RepositoryFiles } from "../github/RepositoryFiles";

export interface RepoWiringArgs {
  readonly githubProvider: github.Provider;
  /** The wiring files of the environment (both repositories), in commit order. */
  readonly files: readonly PlannedFile[];
  /** Branch to commit to per repository name; undefined means the repository's default branch. */
  readonly branchFor: (repository: string) => string | undefined;
  /** Team-owned paths per repository that exist already and are left alone. Default: none. */
  readonly skipPaths?: ReadonlyMap<string, ReadonlySet<string>>;
  readonly facts: pulumi.Input<DeployFacts>;
  readonly commitAuthor: { readonly name: string; readonly email: string };
  /** Resources the first commit in each repository waits for (e.g. repositories the stack creates). Default: none. */
  readonly after?: pulumi.Input<pulumi.Resource>[];
}

/**
 * Wires an environment's repositories together: the infrastructure and apps
 * Kustomizations, the apps source, cluster settings, `.sops.yaml` rules and the
 * team-owned entry points, committed in order per repository (a monorepo is one).
 */
export class RepoWiring extends pulumi.ComponentResource {
  /** The commits per repository name; Flux's own files follow the infra repository's. */
  readonly commitsByRepository = new Map<string, RepositoryFiles>();

  constructor(name: string, args: RepoWiringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:wiring:RepoWiring", name, {}, opts);
    const repositories = [...new Set(args.files.map((f) => f.repository))];
    for (const repository of repositories) {
      const role = args.files.find((f) => f.repository === repository)?.repositoryRole ?? "infra";
      this.commitsByRepository.set(
        repository,
        new RepositoryFiles(
          `${name}-${role}`,
          {
            githubProvider: args.githubProvider,
            repository,
            branch: args.branchFor(repository),
            files: args.files.filter((f) => f.repository === repository),
            skipPaths: args.skipPaths?.get(repository),
            facts: args.facts,
            commitAuthor: args.commitAuthor,
            after: args.after,
          },
          { parent: this },
        ),
      );
    }
    this.registerOutputs({});
  }
}
