import type { KubeObject } from "../kube/object";

export const sopsAgeSecretName = "sops-age";

/**
 * The Secret kustomize-controller decrypts with: every `*.agekey` entry is an
 * identity. `current` is `age.agekey`; older generations kept during a rotation
 * are `age-gen<N>.agekey`.
 */
export function sopsAgeSecret(options: {
  namespace: string;
  current: string;
  previous?: { generation: number; keyFile: string };
}): KubeObject {
  const stringData: Record<string, string> = { "age.agekey": options.current };
  if (options.previous) stringData[`age-gen${options.previous.generation}.agekey`] = options.previous.keyFile;
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: sopsAgeSecretName, namespace: options.namespace },
    type: "Opaque",
    stringData,
  };
}

/** The `spec.decryption` block of every Kustomization that reconciles an environment's own content. */
export function sopsDecryption(): { provider: "sops"; secretRef: { name: string } } {
  return { provider: "sops", secretRef: { name: sopsAgeSecretName } };
}
