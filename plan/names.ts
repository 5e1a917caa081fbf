/** Names of the objects the program creates in the Flux namespace (part of the cluster contract). */
export const infraSourceSecretName = "flux-system";
export const appsSourceSecretName = "apps-deploy-key";
