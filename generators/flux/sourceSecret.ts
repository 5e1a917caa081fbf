import type { KubeObject } from "../kube/object";

/** Deploy key algorithms Flux's `sourcesecret` generator supports, as the config names them. */
export const SSH_KEY_ALGORITHMS = ["ecdsa-p384", "ed25519", "rsa-4096"] as const;
export type SshKeyAlgorithm = (typeof SSH_KEY_ALGORITHMS)[number];

export interface GitSourceSecretOptions {
  readonly name: string;
  readonly namespace: string;
  /** PKCS#8 PEM private key (`BEGIN PRIVATE KEY`), as flux bootstrap writes it. */
  readonly privateKey: string;
  /** authorized_keys line, as `ssh-keygen -y` prints it. */
  readonly publicKey: string;
  /** known_hosts lines for the Git host. */
  readonly knownHosts: string;
}

/** A Flux Git source Secret in the layout `flux create secret git` / `flux bootstrap` writes. */
export function gitSourceSecret(options: GitSourceSecretOptions): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: options.name, namespace: options.namespace },
    stringData: {
      identity: options.privateKey,
      "identity.pub": options.publicKey,
      known_hosts: options.knownHosts.trim(),
    },
  };
}

/**
 * The title `flux bootstrap github` gives a deploy key: `<namespace>-<branch>-<secret>-<path>`,
 * skipping empty parts (fluxcd/flux2 v2.9.0 pkg/bootstrap/bootstrap_provider.go `deployKeyName`,
 * called with the branch before the secret name), where the path is `--path` as
 * internal/flags/safe_relative_path.go cleans it: always with a leading `./`
 * (`flux-system-main-flux-system-./clusters/dev`).
 */
export function deployKeyTitle(parts: { namespace: string; branch: string; secretName: string; path: string }): string {
  const relative = parts.path.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  return [parts.namespace, parts.branch, parts.secretName, `./${relative}`].filter((p) => p !== "").join("-");
}
