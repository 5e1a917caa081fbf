import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { GitDeployKey } from "./components/github/GitDeployKey";
import { handEditProblem } from "./components/github/handEdits";
import { defaultBranchOf, RepositoryLookupError } from "./components/github/repositoryLookups";
import type { StackConfig } from "./config";
import { appsSourceSecretName, infraSourceSecretName } from "./generators/flux/objectNames";
import { deployKeyTitle } from "./generators/flux/sourceSecret";
import { placeholderFacts } from "./plan/deployFacts";
import type { PlannedFile } from "./plan/repositoryFiles";

/** The program's GitHub side: the provider, the lookups made before any resource, the repositories and the deploy keys. */

/**
 * Every provider input from config, none from the SDK's reading of the environment: the SDK
 * would copy `GITHUB_TOKEN` into `token` in the clear and read `GITHUB_BASE_URL` behind config's back.
 */
export function githubProviderArgs(cfg: StackConfig): github.ProviderArgs {
  const token = cfg.credentials.githubToken?.reveal();
  return {
    owner: cfg.github.owner,
    baseUrl: cfg.github.hostname === "github.com" ? "https://api.github.com/" : `https://${cfg.github.hostname}/api/v3/`,
    token: token === undefined ? undefined : pulumi.secret(token),
  };
}

/** Whether the image update automation commits to this repository (its deploy key must then be read-write). */
function pushesTo(cfg: StackConfig, role: "infra" | "apps"): boolean {
  const automation = cfg.flux.imageUpdateAutomation;
  if (automation === undefined) return false;
  return role === "infra"
    ? automation.repository === "infra" || cfg.github.monorepo
    : automation.repository === "apps" && !cfg.github.monorepo;
}

/** Each repository's default branch, or "created by the stack"; a repository that cannot be read is a RunError naming what to check. */
export async function lookupDefaultBranches(cfg: StackConfig, provider: github.Provider): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [key, repository] of [
    ["infraRepository", cfg.github.infraRepository],
    ["appsRepository", cfg.github.appsRepository],
  ] as const) {
    if (found.has(repository)) continue;
    if (cfg.github.createRepositories) {
      found.set(repository, "created by the stack");
      continue;
    }
    try {
      found.set(repository, await defaultBranchOf(repository, provider));
    } catch (error) {
      if (!(error instanceof RepositoryLookupError)) throw error;
      throw new pulumi.RunError(
        `aks-flux-gitops:github.${key}: cannot read repository ${cfg.github.owner}/${repository} on ${cfg.github.hostname} (${error.message}); ` +
          "check aks-flux-gitops:github.owner, the repository name and that GITHUB_TOKEN can read it, or set aks-flux-gitops:github.createRepositories to true to let the stack create it. Nothing was changed.",
      );
    }
  }
  return found;
}

/** The repositories (private, kept on destroy), each with `github.branch` as its default branch. */
export function createRepositories(cfg: StackConfig, provider: github.Provider): pulumi.Resource[] {
  if (!cfg.github.createRepositories) return [];
  return [...new Set([cfg.github.infraRepository, cfg.github.appsRepository])].flatMap((name) => {
    const repository = new github.Repository(
      `repository-${name}`,
      {
        name,
        visibility: "private",
        autoInit: true,
        vulnerabilityAlerts: true,
        deleteBranchOnMerge: true,
      },
      { provider, retainOnDelete: true },
    );
    // autoInit creates the owner's default branch name; rename it to github.branch so Flux's branch exists
    // and the files, which omit the branch, land on it (integrations/terraform-provider-github resource_github_branch_default.go).
    const defaultBranch = new github.BranchDefault(
      `repository-${name}-default-branch`,
      { repository: repository.name, branch: cfg.github.branch, rename: true },
      { provider, retainOnDelete: true },
    );
    return [repository, defaultBranch];
  });
}

/**
 * Refuses (preview too) to overwrite a hand edit of the flux-system kustomization.yaml that
 * says something flux.patches does not (components/github/handEdits.ts).
 */
export async function checkHandEdits(
  cfg: StackConfig,
  fluxSystemFiles: readonly PlannedFile[],
  branchFor: (repository: string) => string | undefined,
  githubProvider: github.Provider,
): Promise<void> {
  const fluxKustomization = fluxSystemFiles.find((f) => f.path.endsWith("/kustomization.yaml"));
  if (fluxKustomization) {
    const problem = await handEditProblem(
      {
        repository: fluxKustomization.repository,
        path: fluxKustomization.path,
        branch: branchFor(fluxKustomization.repository),
        expected: fluxKustomization.content(placeholderFacts),
        stackEmail: cfg.github.commitAuthor.email,
      },
      githubProvider,
      (message) => pulumi.log.warn(message),
    );
    if (problem !== undefined) throw new pulumi.RunError(problem);
  }
}

/** The infra repository's deploy key and, unless the repositories are one, the apps repository's. */
export function deployKeys(
  cfg: StackConfig,
  githubProvider: github.Provider,
  repositories: pulumi.Resource[],
): { infraKey: GitDeployKey; appsKey?: GitDeployKey } {
  const key = (role: "infra" | "apps", repository: string, secretName: string, path: string) =>
    new GitDeployKey(
      role,
      {
        repository,
        title: deployKeyTitle({ namespace: cfg.flux.namespace, branch: cfg.github.branch, secretName, path }),
        readOnly: !pushesTo(cfg, role),
        algorithm: cfg.flux.sshKeyAlgorithm,
        rotation: cfg.flux.deployKeyRotation,
        githubProvider,
      },
      { dependsOn: repositories },
    );
  return {
    infraKey: key("infra", cfg.github.infraRepository, infraSourceSecretName, `clusters/${cfg.environment}`),
    appsKey: cfg.github.monorepo ? undefined : key("apps", cfg.github.appsRepository, appsSourceSecretName, cfg.apps.path),
  };
}
