/**
 * Names of the objects the program creates in the Flux namespace and Git refers to
 * (part of the cluster contract: renaming one orphans the object in every cluster).
 */
/**
 * The GitRepository and Kustomization `flux bootstrap` creates for the infra repository: named after
 * the Flux namespace (fluxcd/flux2 v2.9.0 cmd/flux/bootstrap_github.go: sync Name = --namespace);
 * only the source Secret keeps the name flux-system (--secret-name).
 */
export function fluxSystemSourceName(fluxNamespace: string): string {
  return fluxNamespace;
}
/** The infra repository's deploy key Secret (`flux bootstrap` names it after the source). */
export const infraSourceSecretName = "flux-system";
/** The apps repository's GitRepository, in two-repository mode. */
export const appsSourceName = "apps";
/** The apps repository's deploy key Secret, in two-repository mode. */
export const appsSourceSecretName = "apps-deploy-key";
