import type { KubeObject } from "../kube/object";
import type { KustomizePatch } from "../kustomize/patchTypes";

/**
 * Flux's multi-tenancy lockdown, as Flux documents it for `flux bootstrap`
 * (fluxcd/flux2-multi-tenancy clusters/<env>/flux-system/kustomization.yaml, and the
 * "multi-tenancy lockdown" of Flux's bootstrap docs): no cross-namespace source
 * references, no remote kustomize bases, Kustomizations and HelmReleases without a
 * service account impersonate `default` (which has no rights), and the flux-system
 * Kustomization itself runs as kustomize-controller.
 */
export interface LockdownOptions {
  /** The service account impersonated when a Kustomization or HelmRelease names none. Flux's docs: `default`. */
  readonly defaultServiceAccount: string;
  /** Name of the flux-system Kustomization (gotk-sync.yaml). */
  readonly syncName: string;
}

const addArg = (arg: string) => `- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: ${arg}\n`;

export function lockdownPatches(options: LockdownOptions): KustomizePatch[] {
  return [
    {
      patch: addArg("--no-cross-namespace-refs=true"),
      target: {
        kind: "Deployment",
        name: "(kustomize-controller|helm-controller|notification-controller|image-reflector-controller|image-automation-controller)",
      },
    },
    { patch: addArg("--no-remote-bases=true"), target: { kind: "Deployment", name: "kustomize-controller" } },
    {
      patch: addArg(`--default-service-account=${options.defaultServiceAccount}`),
      target: { kind: "Deployment", name: "(kustomize-controller|helm-controller)" },
    },
    {
      patch: `- op: add\n  path: /spec/serviceAccountName\n  value: ${platformServiceAccount}\n`,
      target: { kind: "Kustomization", name: options.syncName },
    },
  ];
}

/** The service account the platform's own Kustomizations run as: kustomize-controller's, bound to cluster-admin by Flux's rbac.yaml. */
export const platformServiceAccount = "kustomize-controller";

export interface TenantOptions {
  /** Flux's namespace, where the apps Kustomization and its service account live. */
  readonly fluxNamespace: string;
  readonly serviceAccountName: string;
  /** Namespaces the tenant owns; the service account is admin in these and nowhere else. */
  readonly namespaces: readonly string[];
  readonly environment: string;
}

/**
 * The apps team as a Flux tenant, as fluxcd/flux2-multi-tenancy onboards one: its
 * service account, and in each namespace it owns a RoleBinding of `cluster-admin`
 * (a RoleBinding grants it in that namespace only). The namespaces are kept when
 * removed from config (`kustomize.toolkit.fluxcd.io/prune: disabled`): removing a
 * name takes the rights away, never the namespace's workloads.
 */
export function tenantObjects(options: TenantOptions): KubeObject[] {
  const labels = { "toolkit.fluxcd.io/tenant": "apps", "aks-flux-gitops/environment": options.environment };
  const serviceAccount: KubeObject = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: options.serviceAccountName, namespace: options.fluxNamespace, labels },
  };
  const perNamespace = options.namespaces.flatMap((namespace): KubeObject[] => [
    {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: namespace, labels, annotations: { "kustomize.toolkit.fluxcd.io/prune": "disabled" } },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: `${options.serviceAccountName}-reconciler`, namespace, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: options.serviceAccountName, namespace: options.fluxNamespace }],
    },
  ]);
  return [serviceAccount, ...perNamespace];
}
