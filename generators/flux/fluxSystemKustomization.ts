import { marshalYaml } from "../yaml/goYaml";

export const fluxComponentsFile = "gotk-components.yaml";
export const fluxSyncFile = "gotk-sync.yaml";

/** flux-system/kustomization.yaml as `flux bootstrap` writes it: the two generated files as resources. */
export function generateFluxSystemKustomization(): string {
  return marshalYaml({
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: [fluxComponentsFile, fluxSyncFile],
  });
}
