import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import type { SshKeyAlgorithm } from "../../generators/flux/sourceSecret";

export interface GitDeployKeyArgs {
  /** Repository name (without owner) the key is registered on. */
  readonly repository: string;
  /** Deploy key title; Flux's convention is `<namespace>-<branch>-<secret>-./<path>`. */
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
  /** Private key as `flux bootstrap` writes it: PKCS#8 PEM (`BEGIN PRIVATE KEY`) for every algorithm. Secret. */
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
    const readOnly = args.readOnly;
    // Everything the GitHub provider replaces a deploy key for (repository, title, read_only:
    // ForceNew in integrations/terraform-provider-github resource_github_repository_deploy_key.go)
    // also makes a new key pair: GitHub refuses a second deploy key with a public key it already
    // holds, so a replacement with the same key (created before the old one is deleted) fails.
    // With a new key, the new deploy key is registered first, the Flux Secret follows it, and
    // the old deploy key goes last. Plain string: the trigger is compared with the last run's.
    const replacementTrigger = JSON.stringify({ repository: args.repository, title: args.title, readOnly });
    const key = new tls.PrivateKey(keyName, tlsKeyArgs[algorithm], {
      parent: this,
      additionalSecretOutputs: ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"],
      replacementTrigger,
    });

    // fluxcd/pkg ssh/key_pair.go (ssh/v0.25.0, used by flux v2.9.0): x509.MarshalPKCS8PrivateKey, "PRIVATE KEY".
    this.privateKey = pulumi.secret(key.privateKeyPemPkcs8);
    this.publicKey = key.publicKeyOpenssh;
    this.fingerprint = key.publicKeyFingerprintSha256;
    this.deployKey = new github.RepositoryDeployKey(
      `${name}-deploy-key`,
      { repository: args.repository, title: args.title, key: key.publicKeyOpenssh.apply((k) => k.trim()), readOnly },
      // Replaced (never updated) when the key, title, access or repository change; always with a new key (above).
      { parent: this, provider: args.githubProvider },
    );
    this.registerOutputs({
      privateKey: this.privateKey,
      publicKey: this.publicKey,
      fingerprint: this.fingerprint,
      deployKey: this.deployKey,
    });
  }
}
