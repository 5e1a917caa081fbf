import { stacks } from "../support/resourceArgs";
import { DEPLOY_KEY, NETWORK_POLICY, REPOSITORY, SECRET, VAULT, production, type Case } from "../support/policyPreview";

/** Unsafe changes to the Key Vault, the GitHub resources and the Kubernetes objects, each with the message the policy must give. */
export const resourceCases: Case[] = [
  // Key Vault
  {
    title: "rejects a vault without RBAC authorization",
    stacks,
    type: VAULT,
    mutations: [{ path: "properties.enableRbacAuthorization", value: false }],
    policy: "keyvault-rbac-authorization",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.enableRbacAuthorization is false; set properties.enableRbacAuthorization to true (the SopsAgeKey component does) and grant access with role assignments to aks-flux-gitops:sops.decrypterObjectIds`,
  },
  {
    title: "rejects a vault with soft delete off",
    stacks,
    type: VAULT,
    mutations: [{ path: "properties.enableSoftDelete", value: false }],
    policy: "keyvault-soft-delete",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.enableSoftDelete is false; set properties.enableSoftDelete to true (or leave it unset, Azure's default): without it a deleted age key, and every secret encrypted to it, is gone at once`,
  },
  {
    title: "rejects a vault without purge protection in staging and prod",
    stacks: production,
    type: VAULT,
    mutations: [{ path: "properties.enablePurgeProtection", value: undefined }],
    policy: "keyvault-purge-protection",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.enablePurgeProtection is unset; set aks-flux-gitops:sops.purgeProtection to true (the production default) so nobody can purge the vault and its age key before the soft-delete retention ends`,
  },
  {
    title: "rejects a vault with access policies",
    stacks,
    type: VAULT,
    mutations: [{ path: "properties.accessPolicies", value: [{ tenantId: "t", objectId: "o", permissions: { secrets: ["get"] } }] }],
    policy: "keyvault-no-access-policies",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.accessPolicies is [{"objectId":"o","permissions":{"secrets":["get"]},"tenantId":"t"}]; remove the access policies and grant Key Vault Secrets User (or Officer) role assignments instead: access policies grant access outside Azure RBAC as soon as RBAC authorization is switched off, and mislead reviewers while it is on`,
  },
  // GitHub
  {
    title: "rejects a writable deploy key without image automation",
    stacks,
    type: DEPLOY_KEY,
    mutations: [{ path: "readOnly", value: false }],
    policy: "github-deploy-key-read-only",
    message: (s, n) =>
      `${DEPLOY_KEY} ${n}: readOnly is false; set readOnly to true: Flux only reads, and environment ${s} runs no image-automation controller (add image-automation-controller to aks-flux-gitops:flux.componentsExtra if it really must push)`,
  },
  {
    title: "rejects a writable apps deploy key even with image automation",
    stacks: ["prod"],
    type: DEPLOY_KEY,
    which: { repository: "fleet-apps" },
    overrides: { flux: { version: "v2.9.0", componentsExtra: ["image-reflector-controller", "image-automation-controller"] } },
    mutations: [{ path: "readOnly", value: false }],
    policy: "github-deploy-key-read-only",
    message: (_s, n) =>
      `${DEPLOY_KEY} ${n}: readOnly is false; set readOnly to true for repository fleet-apps: image automation pushes only to "fleet-infra" (aks-flux-gitops:flux.imageUpdateAutomation.repository)`,
  },
  {
    title: "rejects a public repository created by the program",
    stacks,
    type: REPOSITORY,
    overrides: {
      github: { owner: "acme-platform", infraRepository: "fleet-infra", appsRepository: "fleet-apps", createRepositories: true },
    },
    mutations: [{ path: "visibility", value: "public" }],
    policy: "github-repository-private",
    message: (_s, n) =>
      `${REPOSITORY} ${n}: visibility is "public"; set visibility to "private" (the program does when aks-flux-gitops:github.createRepositories is true): the fleet repositories describe the clusters and hold their SOPS-encrypted secrets`,
  },
  {
    title: "rejects a repository whose visibility is left to the provider's default (public)",
    stacks: ["dev"],
    type: REPOSITORY,
    which: { name: "fleet-apps" },
    overrides: {
      github: { owner: "acme-platform", infraRepository: "fleet-infra", appsRepository: "fleet-apps", createRepositories: true },
    },
    mutations: [{ path: "visibility", value: undefined }],
    policy: "github-repository-private",
    message: (_s, n) =>
      `${REPOSITORY} ${n}: visibility is unset; set visibility to "private" (the program does when aks-flux-gitops:github.createRepositories is true): the fleet repositories describe the clusters and hold their SOPS-encrypted secrets`,
  },
  // Kubernetes
  {
    title: "rejects a Secret outside the Flux namespace",
    stacks,
    type: SECRET,
    mutations: [{ path: "metadata.namespace", value: "default" }],
    policy: "kubernetes-secrets-in-flux-namespace",
    message: (_s, n) =>
      `${SECRET} ${n}: metadata.namespace is "default"; create the Secret in the Flux namespace "flux-system" (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
  },
  {
    title: "rejects a Secret in the default Flux namespace when flux.namespace is another",
    stacks: ["staging"],
    type: SECRET,
    which: { "metadata.name": "sops-age" },
    overrides: { flux: { version: "v2.9.0", namespace: "gitops" } },
    mutations: [{ path: "metadata.namespace", value: "flux-system" }],
    policy: "kubernetes-secrets-in-flux-namespace",
    message: (_s, n) =>
      `${SECRET} ${n}: metadata.namespace is "flux-system"; create the Secret in the Flux namespace "gitops" (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
  },
  {
    title: "rejects a Secret without a namespace (the provider's default)",
    stacks: ["prod"],
    type: SECRET,
    mutations: [{ path: "metadata.namespace", value: undefined }],
    policy: "kubernetes-secrets-in-flux-namespace",
    message: (_s, n) =>
      `${SECRET} ${n}: metadata.namespace is unset; create the Secret in the Flux namespace "flux-system" (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
  },
  {
    title: "warns when a Flux network policy is missing (advisory)",
    stacks,
    type: NETWORK_POLICY,
    which: { "metadata.name": "allow-egress" },
    mutations: [{ path: "metadata.name", value: "renamed" }],
    policy: "flux-network-policies",
    enforcementLevel: "advisory",
    message: () =>
      `${NETWORK_POLICY} flux-system/allow-egress: presence in the stack is "missing"; keep Flux's network policies (the FluxBootstrap component creates them from the release manifests while aks-flux-gitops:flux.networkPolicy is true), or set aks-flux-gitops:flux.networkPolicy to false to opt out explicitly; it is the policy that admits ingress to the Flux controllers only from their own namespace; without it every pod in the cluster can reach them`,
  },
  {
    title: "warns when a Flux network policy sits in another namespace (advisory)",
    stacks: ["prod"],
    type: NETWORK_POLICY,
    which: { "metadata.name": "allow-webhooks" },
    mutations: [{ path: "metadata.namespace", value: "default" }],
    policy: "flux-network-policies",
    enforcementLevel: "advisory",
    message: () =>
      `${NETWORK_POLICY} flux-system/allow-webhooks: presence in the stack is "missing"; keep Flux's network policies (the FluxBootstrap component creates them from the release manifests while aks-flux-gitops:flux.networkPolicy is true), or set aks-flux-gitops:flux.networkPolicy to false to opt out explicitly; without it the set differs from Flux's and notification-controller's webhook receiver is unreachable`,
  },
];
