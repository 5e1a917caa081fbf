import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type AgeKeyPair, ageKeyFile, ageKeyPairFromSecret } from "../../generators/sops/ageKey";
import { run } from "./processes";
import { type KubeDoc, type Rendered, repoObjects, repositoryOfUrl } from "./render";

export interface DeployKey {
  readonly privateKey: string;
  /** authorized_keys line. */
  readonly publicKey: string;
}

/**
 * An ECDSA P-384 deploy key in the encoding the program's GitDeployKey stores for
 * `flux.sshKeyAlgorithm: ecdsa-p384` (tls.PrivateKey's privateKeyPem: SEC1 "EC PRIVATE
 * KEY" PEM). That key comes from a Pulumi provider, which cannot run outside an engine;
 * ssh-keygen makes the same kind of key.
 */
export function generateDeployKey(dir: string, name: string): DeployKey {
  const file = path.join(dir, name);
  run("ssh-keygen", ["-q", "-t", "ecdsa", "-b", "384", "-m", "PEM", "-N", "", "-C", name, "-f", file]);
  return { privateKey: fs.readFileSync(file, "utf8"), publicKey: fs.readFileSync(`${file}.pub`, "utf8").trim() };
}

/** The environment's age key, made by the product's own generator from 32 random bytes (as SopsAgeKey does). */
export function generateAgeKey(): AgeKeyPair & { keyFile: string } {
  const pair = ageKeyPairFromSecret(randomBytes(32));
  return { ...pair, keyFile: ageKeyFile(pair) };
}

const placeholderPattern = /<unknown until deploy: ([^>]+)>/g;

/**
 * Replaces render's `<unknown until deploy: …>` placeholders with what a deployment
 * would know: the facts given by name, and a readable stand-in for the Azure-only ones
 * a bring-your-own cluster has no real value for.
 */
export function fillPlaceholders(text: string, facts: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (_, what: string) => facts[what] ?? `e2e-${what.replace(/[^a-z0-9]+/gi, "-")}`);
}

export interface SecretValues {
  /** Deploy key per repository name. */
  readonly deployKeys: ReadonlyMap<string, DeployKey>;
  readonly ageKeyFile: string;
}

/** Secret name → repository, from every GitRepository the stack renders (cluster objects and repository files). */
export function secretRepositories(rendered: Rendered): Map<string, string> {
  const sources = [...rendered.clusterObjects, ...repoObjects(rendered)].filter(
    (o) => o.kind === "GitRepository" && o.spec?.secretRef?.name,
  );
  return new Map(sources.map((o) => [o.spec!.secretRef.name as string, repositoryOfUrl(o.spec!.url).repository]));
}

/**
 * The rendered cluster objects with real secret values in place of `<redacted>` and the
 * public-key placeholders. A secret key the loop does not know fails here, so a new
 * Secret in render's output is noticed instead of applied half-filled.
 */
export function withSecretValues(rendered: Rendered, values: SecretValues, facts: Readonly<Record<string, string>>): KubeDoc[] {
  const repoOfSecret = secretRepositories(rendered);
  return rendered.clusterObjects.map((obj) => {
    const filled = JSON.parse(fillPlaceholders(JSON.stringify(obj), facts)) as KubeDoc;
    if (obj.kind !== "Secret" || !obj.stringData) return filled;
    const stringData: Record<string, string> = {};
    for (const [key, value] of Object.entries(obj.stringData)) {
      if (!/^<redacted>$|^<unknown until deploy: /.test(value)) {
        stringData[key] = value;
        continue;
      }
      if (key.endsWith(".agekey")) {
        stringData[key] = values.ageKeyFile;
        continue;
      }
      const repository = repoOfSecret.get(obj.metadata.name);
      const deployKey = repository === undefined ? undefined : values.deployKeys.get(repository);
      if (deployKey && key === "identity") stringData[key] = deployKey.privateKey;
      else if (deployKey && key === "identity.pub") stringData[key] = `${deployKey.publicKey}\n`;
      else
        throw new Error(
          `rendered Secret ${obj.metadata.namespace}/${obj.metadata.name} has a secret value ${key} the e2e loop cannot fill; teach e2e/harness/secrets.ts about it`,
        );
    }
    return { ...filled, stringData };
  });
}
