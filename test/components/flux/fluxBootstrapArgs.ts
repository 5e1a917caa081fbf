import type * as github from "@pulumi/github";
import type * as pulumi from "@pulumi/pulumi";
import type { FluxBootstrapArgs } from "../../../components/flux/FluxBootstrap";
import type { KubeObject } from "../../../generators/kube/object";
import { placeholderFacts } from "../../../plan/deployFacts";
import type { PlannedFile } from "../../../plan/repositoryFiles";

/** A small Flux installation as the plan hands it to FluxBootstrap: Namespace first, a CRD, a controller, then the sync objects. */
export const namespace: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "flux-system" } };
export const crd: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "gitrepositories.source.toolkit.fluxcd.io" },
  spec: { group: "source.toolkit.fluxcd.io" },
};
export const controller: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "source-controller", namespace: "flux-system" },
  spec: { replicas: 1 },
};
export const gitRepository: KubeObject = {
  apiVersion: "source.toolkit.fluxcd.io/v1",
  kind: "GitRepository",
  metadata: { name: "flux-system", namespace: "flux-system" },
  spec: { url: "ssh://git@github.com/acme-platform/fleet-infra" },
};
export const kustomization: KubeObject = {
  apiVersion: "kustomize.toolkit.fluxcd.io/v1",
  kind: "Kustomization",
  metadata: { name: "flux-system", namespace: "flux-system" },
  spec: { path: "./clusters/dev" },
};
export const sourceSecret: KubeObject = {
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "flux-system", namespace: "flux-system" },
  stringData: { identity: "<redacted>" },
};

const fluxFile = (path: string): PlannedFile => ({
  repositoryRole: "infra",
  repository: "fleet-infra",
  path: `clusters/dev/flux-system/${path}`,
  owner: "stack",
  commitMessage: "Add Flux sync manifests",
  usesDeployFacts: false,
  content: () => `# ${path}\n`,
});

/** FluxBootstrap's args around the providers and a deploy key stand-in; `overrides` replace any of them. */
export function bootstrapArgs(
  providers: { kubernetes: FluxBootstrapArgs["kubernetesProvider"]; github: github.Provider },
  deployKey: pulumi.Resource,
  stringData: pulumi.Output<Record<string, string>>,
  overrides: Partial<FluxBootstrapArgs> = {},
): FluxBootstrapArgs {
  return {
    componentObjects: [namespace, crd, controller],
    syncObjects: [gitRepository, kustomization],
    secrets: [{ shape: sourceSecret, stringData, after: [deployKey] }],
    kubernetesProvider: providers.kubernetes,
    commit: {
      githubProvider: providers.github,
      repository: "fleet-infra",
      files: ["gotk-components.yaml", "gotk-sync.yaml", "kustomization.yaml"].map(fluxFile),
      facts: placeholderFacts,
      commitAuthor: { name: "Flux", email: "bot@example.com" },
    },
    pruneCrdsOnRemoval: false,
    ...overrides,
  };
}
