import type { KubeObject } from "../kube/object";
import { marshalYaml, marshalYamlDocuments } from "../yaml/goYaml";

/** The header of every file a stack owns (except Flux's own, which carry Flux's header). */
export function stackOwnedHeader(environment: string): string {
  return `# Managed by aks-flux-gitops (stack ${environment}): changes here are overwritten by the next pulumi up.\n`;
}

/** A multi-document manifest file owned by the stack. */
export function stackOwnedManifest(environment: string, objects: readonly KubeObject[]): string {
  return `${stackOwnedHeader(environment)}---\n${marshalYamlDocuments(objects)}`;
}

/**
 * A minimal kustomization.yaml so the first reconciliation succeeds. The team owns it
 * from then on: the program creates it only when absent and never changes or deletes it.
 */
export function overlayEntryPoint(options: { environment: string; what: string }): string {
  const header =
    `# Entry point of the ${options.what} for the ${options.environment} environment.\n` +
    `# Created once by aks-flux-gitops; it belongs to your team now and is never overwritten.\n` +
    `# List this environment's resources and overlays below.\n`;
  return header + marshalYaml({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [] });
}
