import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import type { SshKeyAlgorithm } from "../../generators/flux/sourceSecret";

export interface GitDeployKeyArgs {
  /** Repository name (without owner) the key is registered on. */
  readonly repository: pulumi.Input<string>;
  /** Deploy key title; Flux's convention is `<namespace>-<branch>-<secret>-<path>`. */
  readonly title: string;
  /** False only when Flux must push (image automation). */
  readonly readOnly: boolean;
  /** Key algorithm (`flux bootstrap github` uses ecdsa-p384). */
  readonly algorithm: SshKeyAlgorithm;
  /**
   * Rotation generation. Bumping it creates a new key and deploy key before the
   * old ones are deleted, so Flux never loses access. Generation 0 keeps the original resource name.
   */
  readonly rotation: number;
  /** The GitHub provider for the repository's owner and host. */
  readonly githubProvider: github.Provider;
}

const tlsKeyArgs: Readonly<Record<SshKeyAlgorithm, tls.PrivateKeyArgs>> = {
  "ecdsa-p384": { algorithm: "ECDSA", ecdsaCurve: "P384" },
  ed25519: { algorithm: "ED25519" },
  "rsa-4096": { algorithm: "RSA", rsaBits: 4096 },
};

/**
 * An SSH key pair generated in Pulumi (never on disk, never in Git) and registered
 * as a deploy key on one GitHub repository. The private key leaves this component
 * only as a Pulumi secret, for the Flux source Secret in the cluster.
 */
export class GitDeployKey extends pulumi.ComponentResource {
  /** Private key in the format `flux bootstrap` writes for this algorithm (PEM; OpenSSH for ed25519). Secret. */
  readonly privateKey: pulumi.Output<string>;
  /** authorized_keys line. */
  readonly publicKey: pulumi.Output<string>;
  /** `SHA256:...` fingerprint, as GitHub and `ssh-keygen -l` show it. */
  readonly fingerprint: pulumi.Output<string>;
  readonly deployKey: github.RepositoryDeployKey;

  constructor(name: string, args: GitDeployKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type token keeps its original "git" area: it is part of every existing stack's URNs.
    super("aks-flux-gitops:git:GitDeployKey", name, {}, opts);
    const { algorithm, rotation } = args;
    // The rotation generation is part of the key's name on purpose: a new name means a
    // new key created before the old one is deleted.
    const keyName = rotation === 0 ? `${name}-key` : `${name}-key-r${rotation}`;
    const key = new tls.PrivateKey(keyName, tlsKeyArgs[algorithm], { parent: this, additionalSecretOutputs: ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"] });

    this.privateKey = pulumi.secret(algorithm === "ed25519" ? key.privateKeyOpenssh : key.privateKeyPem);
    this.publicKey = key.publicKeyOpenssh;
    this.fingerprint = key.publicKeyFingerprintSha256;
    this.deployKey = new github.RepositoryDeployKey(
      `${name}-deploy-key`,
      { repository: args.repository, title: args.title, key: key.publicKeyOpenssh.apply((k) => k.trim()), readOnly: args.readOnly },
      // GitHub refuses a second deploy key with the same public key, so a title change must not
      // replace the key; the title is only a label.
      { parent: this, provider: args.githubProvider, ignoreChanges: ["title"] },
    );
    this.registerOutputs({ privateKey: this.privateKey, publicKey: this.publicKey, fingerprint: this.fingerprint, deployKey: this.deployKey });
  }
}
