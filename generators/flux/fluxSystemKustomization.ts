import type { KustomizePatch } from "../kustomize/patchTypes";
import { marshalYaml } from "../yaml/goYaml";

export const fluxComponentsFile = "gotk-components.yaml";
export const fluxSyncFile = "gotk-sync.yaml";

/**
 * flux-system/kustomization.yaml as `flux bootstrap` writes it: the two generated files
 * as resources, followed by the controller patches as Flux's docs write them (`patches:`,
 * each a `patch` text and its `target`). Without patches, byte for byte Flux's file.
 */
export function generateFluxSystemKustomization(patches: readonly KustomizePatch[] = []): string {
  const head = marshalYaml({
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: [fluxComponentsFile, fluxSyncFile],
  });
  if (patches.length === 0) return head;
  return (
    head +
    marshalYaml({ patches: patches.map((p) => (p.target === undefined ? { patch: p.patch } : { patch: p.patch, target: p.target })) })
  );
}
