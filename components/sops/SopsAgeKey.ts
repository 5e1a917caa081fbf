import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ageKeyFile, ageKeyPairFromSecret } from "../../generators/sops/ageKey";
import type { AgeKeyGeneration } from "../../generators/sops/sopsAgeSecret";

export interface SopsAgeKeyArgs {
  readonly environment: string;
  /**
   * Key generations to keep, current first. Bumping the current one creates a new key;
   * a previous generation listed after it stays decryptable until files are
   * re-encrypted. At least one.
   */
  readonly generations: readonly number[];
  /**
   * The Key Vault the identity is stored in (through the management plane). Absent: the
   * key lives only in Pulumi state and the cluster (bring-your-own clusters without Azure).
   */
  readonly keyVault?: { readonly resourceGroupName: pulumi.Input<string>; readonly vaultName: pulumi.Input<string> };
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Resources the Key Vault secret needs while it exists: the deployers' Secrets
   * Officer assignments. Creation waits for them and destroy deletes the secret
   * before them (azure-native deletes `keyvault.Secret` through the data plane).
   */
  readonly secretDependsOn?: readonly pulumi.Resource[];
  /** `protect` the key seeds (config's `protect`): losing one loses the key to every file encrypted for it. */
  readonly protect: boolean;
}

/**
 * The environment's SOPS age key: 32 random bytes kept in Pulumi state (so the
 * key is stable across runs), encoded as an age X25519 identity, stored in Key
 * Vault (when given one). The identity is a secret end to end; the recipient is public.
 */
export class SopsAgeKey extends pulumi.ComponentResource {
  /** `age1...`: what `.sops.yaml` encrypts for. */
  readonly recipient: pulumi.Output<string>;
  /** Every kept generation with its age key file (`# public key: ...` + `AGE-SECRET-KEY-...`), current first. Secret. */
  readonly keys: pulumi.Output<AgeKeyGeneration[]>;
  /** Data-plane URI of the Key Vault secret holding the current key file (`az keyvault secret show --id`); "" without a Key Vault. */
  readonly secretUri: pulumi.Output<string>;

  constructor(name: string, args: SopsAgeKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:sops:SopsAgeKey", name, {}, opts);
    const generations = args.generations;
    if (generations.length === 0) throw new Error(`SopsAgeKey ${name}: generations must list at least the current generation`);
    const pairs = generations.map((g) => {
      const seed = new random.RandomBytes(
        `${name}-gen${g}`,
        { length: 32 },
        { parent: this, protect: args.protect, additionalSecretOutputs: ["base64", "hex"] },
      );
      return pulumi.secret(seed.base64).apply((b64) => ageKeyPairFromSecret(Buffer.from(b64, "base64")));
    });
    const current = pairs[0];
    this.recipient = pulumi.unsecret(current.apply((p) => p.recipient));
    this.keys = pulumi.secret(
      pulumi.all(pairs).apply((all) => all.map((pair, i) => ({ generation: generations[i], keyFile: ageKeyFile(pair) }))),
    );

    if (!args.keyVault) {
      this.secretUri = pulumi.output("");
      this.registerOutputs({ recipient: this.recipient, keys: this.keys, secretUri: this.secretUri });
      return;
    }
    const secret = new keyvault.Secret(
      `${name}-secret`,
      {
        resourceGroupName: args.keyVault.resourceGroupName,
        vaultName: args.keyVault.vaultName,
        secretName: `sops-age-${args.environment}`,
        properties: {
          value: pulumi.secret(current.apply(ageKeyFile)),
          contentType: "application/x-age-key-file",
          attributes: { enabled: true },
        },
        tags: this.recipient.apply((recipient) => ({ ...args.tags, purpose: "sops-age", "age-recipient": recipient })),
      },
      { parent: this, dependsOn: [...(args.secretDependsOn ?? [])] },
    );
    // The URI names the secret; it is not secret itself.
    this.secretUri = pulumi.unsecret(secret.properties.apply((p) => p.secretUri ?? ""));
    this.registerOutputs({ recipient: this.recipient, keys: this.keys, secretUri: this.secretUri });
  }
}
