/** A Git reference: exactly one of the four, as Flux's GitRepository `spec.ref`. */
export type GitRef = { readonly branch: string } | { readonly tag: string } | { readonly semver: string } | { readonly commit: string };

/** Flux's `spec.ref` for a GitRepository: exactly the one field the config sets. */
export function fluxGitRef(ref: GitRef): Record<string, string> {
  if ("branch" in ref) return { branch: ref.branch };
  if ("tag" in ref) return { tag: ref.tag };
  if ("semver" in ref) return { semver: ref.semver };
  return { commit: ref.commit };
}

/** A short human description of a ref, e.g. `branch main`, `tag prod-v1.4.0`. */
export function describeGitRef(ref: GitRef): string {
  const [kind, value] = Object.entries(fluxGitRef(ref))[0];
  return `${kind} ${value}`;
}

/** The SSH clone URL Flux uses: `ssh://git@<host>[:<port>]/<owner>/<repo>`, without `.git`, as `flux bootstrap github` writes it. */
export function sshRepositoryUrl(hostname: string, owner: string, repository: string): string {
  return `ssh://git@${hostname}/${owner}/${repository}`;
}

/** The browser/HTTPS URL of a repository. */
export function httpsRepositoryUrl(hostname: string, owner: string, repository: string): string {
  return `https://${hostname}/${owner}/${repository}`;
}
