import type { KubeObject } from "../kube/object";

export const sopsAgeSecretName = "sops-age";

/** One generation of the environment's age key: its number travels with its key file. */
export interface AgeKeyGeneration {
  readonly generation: number;
  /** age key file (`# public key: ...\nAGE-SECRET-KEY-...`). */
  readonly keyFile: string;
}

/**
 * The Secret kustomize-controller decrypts with: every `*.agekey` entry is an
 * identity. The current generation (first) is `age.agekey`; older generations kept
 * during a rotation are `age-gen<N>.agekey`.
 */
export function sopsAgeSecret(options: { namespace: string; keys: readonly AgeKeyGeneration[] }): KubeObject {
  const [current, ...older] = options.keys;
  if (current === undefined) throw new Error("the sops-age Secret needs at least the current age key");
  const stringData: Record<string, string> = { "age.agekey": current.keyFile };
  for (const key of older) stringData[`age-gen${key.generation}.agekey`] = key.keyFile;
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
