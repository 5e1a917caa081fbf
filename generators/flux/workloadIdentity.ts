import type { KustomizePatch } from "../kustomize/patchTypes";

/**
 * Azure workload identity for Flux controllers, as Flux's workload identity docs
 * patch flux-system/kustomization.yaml: the controllers' service accounts carry the
 * identity's client id, their pods the label the AKS webhook injects the token for.
 */
export const workloadIdentityAudience = "api://AzureADTokenExchange";
export const clientIdAnnotation = "azure.workload.identity/client-id";
export const useLabel = "azure.workload.identity/use";

export interface WorkloadIdentityOptions {
  /** Controllers whose service account (named as the controller) uses the identity. */
  readonly controllers: readonly string[];
  /** The user-assigned identity's client id. */
  readonly clientId: string;
}

/** The Kubernetes subject an identity federates with: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

export function workloadIdentityPatches(options: WorkloadIdentityOptions): KustomizePatch[] {
  if (options.controllers.length === 0) return [];
  const name = `(${options.controllers.join("|")})`;
  return [
    {
      patch: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: controller\n  annotations:\n    ${clientIdAnnotation}: ${JSON.stringify(options.clientId)}\n`,
      target: { kind: "ServiceAccount", name },
    },
    {
      patch: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller\nspec:\n  template:\n    metadata:\n      labels:\n        ${useLabel}: "true"\n`,
      target: { kind: "Deployment", name },
    },
  ];
}
