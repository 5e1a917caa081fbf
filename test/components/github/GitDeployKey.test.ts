import assert from "node:assert/strict";
import { createPrivateKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { GitDeployKey as GitDeployKeyType, GitDeployKeyArgs } from "../../../components/github/GitDeployKey";
import { childrenOf, githubProvider, recordComponent, usesProvider } from "../../support/componentHarness";
import { valueOf, type ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

const title = "flux-system-main-flux-system-./clusters/dev";

async function deployKeys(keys: Record<string, Omit<GitDeployKeyArgs, "githubProvider">>) {
  return recordComponent(async () => {
    const { GitDeployKey } = await import("../../../components/github/GitDeployKey");
    const provider = await githubProvider();
    return Object.fromEntries(
      Object.entries(keys).map(([name, args]) => [name, new GitDeployKey(name, { ...args, githubProvider: provider })]),
    );
  });
}

describe("components/github/GitDeployKey", () => {
  let recorder: ResourceRecorder;
  let keys: Record<string, GitDeployKeyType>;

  before(async () => {
    ({ recorder, value: keys } = await deployKeys({
      infra: { repository: "fleet-infra", title, readOnly: true, algorithm: "ecdsa-p384", rotation: 0 },
      apps: {
        repository: "fleet-apps",
        title: "flux-system-main-apps-./apps/overlays/dev",
        readOnly: false,
        algorithm: "ed25519",
        rotation: 2,
      },
      legacy: { repository: "fleet-infra", title: "rsa", readOnly: true, algorithm: "rsa-4096", rotation: 0 },
    }));
  });

  it("keeps the `git` area in its type token (existing stacks' URNs) and parents a key and a deploy key to it", () => {
    const component = recorder.get(T.gitDeployKey, "infra");
    assert.deepEqual(
      childrenOf(recorder, component).map((r) => `${r.type} ${r.name}`),
      [`${T.privateKey} infra-key`, `${T.deployKey} infra-deploy-key`],
    );
  });

  it("generates the key type Flux uses for each algorithm", () => {
    assert.deepEqual(recorder.get(T.privateKey, "infra-key").inputs, { algorithm: "ECDSA", ecdsaCurve: "P384" });
    assert.deepEqual(recorder.get(T.privateKey, "apps-key-r2").inputs, { algorithm: "ED25519" });
    assert.deepEqual(recorder.get(T.privateKey, "legacy-key").inputs, { algorithm: "RSA", rsaBits: 4096 });
  });

  it("names the key after its rotation generation (generation 0 keeps the original name), so a bump makes a new key", () => {
    assert.equal(recorder.find(T.privateKey, "apps-key"), undefined);
    assert.ok(recorder.find(T.privateKey, "apps-key-r2"));
  });

  it("keeps every private key format secret in state and replaces the key pair whenever GitHub must replace the deploy key", () => {
    const key = recorder.get(T.privateKey, "apps-key-r2");
    for (const output of ["privateKeyOpenssh", "privateKeyPem", "privateKeyPemPkcs8"])
      assert.ok(key.options.additionalSecretOutputs.includes(output), output);
    assert.deepEqual(JSON.parse(String(key.options.replacementTrigger)), {
      repository: "fleet-apps",
      title: "flux-system-main-apps-./apps/overlays/dev",
      readOnly: false,
    });
  });

  it("registers the trimmed public key on the repository with the title and access, through the GitHub provider", async () => {
    const provider = recorder.get(T.githubProvider, "github");
    const deployKey = recorder.get(T.deployKey, "infra-deploy-key");
    assert.equal(deployKey.inputs.repository, "fleet-infra");
    assert.equal(deployKey.inputs.title, title);
    assert.equal(deployKey.inputs.readOnly, true);
    assert.equal(recorder.get(T.deployKey, "apps-deploy-key").inputs.readOnly, false);
    assert.equal(deployKey.inputs.key, (await valueOf(keys.infra.publicKey)).trim());
    assert.ok(usesProvider(deployKey, provider.urn), deployKey.options.provider);
  });

  it("hands out the private key as a secret PKCS#8 PEM, as flux bootstrap writes it, and a public authorized_keys line", async () => {
    for (const [name, type] of [
      ["infra", "ec"],
      ["apps", "ed25519"],
      ["legacy", "rsa"],
    ] as const) {
      const key = keys[name];
      assert.equal(await pulumi.isSecret(key.privateKey), true, name);
      const pem = await valueOf(key.privateKey);
      assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/, name);
      assert.equal(createPrivateKey(pem).asymmetricKeyType, type);
      assert.equal(await pulumi.isSecret(key.publicKey), false, name);
    }
    assert.match(await valueOf(keys.infra.publicKey), /^ecdsa-sha2-nistp384 /);
    assert.match(await valueOf(keys.infra.fingerprint), /^SHA256:/);
  });
});
