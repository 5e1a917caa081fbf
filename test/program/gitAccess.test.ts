import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isSecretInput, unwrapSecrets, type RecordedResource } from "../support/mockMonitor";
import { runProgram, runShippedStack, type ProgramRun } from "../support/programHarness";
import { requireTool, runTool } from "../support/realTools";

const deployKeyType = "github:index/repositoryDeployKey:RepositoryDeployKey";
const tlsKeyType = "tls:index/privateKey:PrivateKey";

function secretNamed(run: ProgramRun, name: string): RecordedResource {
  const found = run.recorder.ofType("kubernetes:core/v1:Secret").find((r) => (r.inputs.metadata as { name: string }).name === name);
  assert.ok(found, `Secret ${name}`);
  return found;
}

describe("program: Git access", () => {
  for (const stack of ["dev", "staging", "prod"]) {
    // Title as fluxcd/flux2 v2.9.0 pkg/bootstrap/bootstrap_provider.go deployKeyName builds it from --path ("./clusters/<env>").
    it(`${stack}: one ECDSA P-384 key per repository, registered read-only with Flux's title (leading ./ path)`, async () => {
      const run = await runShippedStack(stack);
      const keys = run.recorder.ofType(tlsKeyType);
      assert.deepEqual(
        keys.map((k) => [k.name, k.inputs.algorithm, k.inputs.ecdsaCurve]),
        [
          ["infra-key", "ECDSA", "P384"],
          ["apps-key", "ECDSA", "P384"],
        ],
      );
      const deployKeys = run.recorder.ofType(deployKeyType);
      assert.deepEqual(
        deployKeys.map((k) => [k.inputs.repository, k.inputs.readOnly, k.inputs.title]),
        [
          ["fleet-infra", true, `flux-system-main-flux-system-./clusters/${stack}`],
          ["fleet-apps", true, `flux-system-main-apps-deploy-key-./apps/overlays/${stack}`],
        ],
      );
      assert.notEqual(deployKeys[0].inputs.key, deployKeys[1].inputs.key, "GitHub refuses one key on two repositories");
      for (const k of deployKeys)
        assert.deepEqual(k.options.ignoreChanges, [], "a title change comes with a new key (replacementTrigger), never ignored");
    });

    it(`${stack}: the source Secrets in Flux's layout, private keys secret, host keys pinned`, async () => {
      const run = await runShippedStack(stack);
      for (const name of ["flux-system", "apps-deploy-key"]) {
        const secret = secretNamed(run, name);
        assert.deepEqual(secret.inputs.metadata, { name, namespace: "flux-system" });
        assert.ok(isSecretInput(secret.inputs.stringData), `${name} data is a Pulumi secret`);
        const data = unwrapSecrets(secret.inputs.stringData) as Record<string, string>;
        assert.deepEqual(Object.keys(data).sort(), ["identity", "identity.pub", "known_hosts"]);
        assert.match(data.identity, /^-----BEGIN PRIVATE KEY-----\n/, "PKCS#8, as fluxcd/pkg ssh/key_pair.go writes it");
        assert.match(data["identity.pub"], /^ecdsa-sha2-nistp384 AAAA\S+\n$/);
        assert.equal(data.known_hosts.split("\n").length, 3);
        assert.ok(data.known_hosts.split("\n").every((line) => line.startsWith("github.com ")));
      }
      const infraKey = run.recorder.ofType(deployKeyType)[0];
      assert.equal(
        (unwrapSecrets(secretNamed(run, "flux-system").inputs.stringData) as Record<string, string>)["identity.pub"].trim(),
        infraKey.inputs.key,
      );
    });
  }

  it("outputs each deploy key's public key and fingerprint, never a private key", async () => {
    const run = await runShippedStack("dev");
    assert.match(run.outputs.infraDeployKey.fingerprint, /^SHA256:/);
    assert.ok(!run.secretOutputs.has("infraDeployKey") && !run.secretOutputs.has("appsDeployKey"));
    assert.doesNotMatch(JSON.stringify(run.outputs.infraDeployKey), /PRIVATE/);
  });

  it("makes read-write exactly the key of the repository image automation commits to (default: infra)", async () => {
    const run = await runProgram({
      stack: "dev",
      mutate: (v) => (v.flux.componentsExtra = ["image-reflector-controller", "image-automation-controller"]),
    });
    assert.deepEqual(
      run.recorder.ofType(deployKeyType).map((k) => [k.inputs.repository, k.inputs.readOnly]),
      [
        ["fleet-infra", false],
        ["fleet-apps", true],
      ],
    );
    const toApps = await runProgram({
      stack: "dev",
      mutate: (v) => {
        v.flux.componentsExtra = ["image-reflector-controller", "image-automation-controller"];
        v.flux.imageUpdateAutomation = { repository: "apps" };
      },
    });
    assert.deepEqual(
      toApps.recorder.ofType(deployKeyType).map((k) => [k.inputs.repository, k.inputs.readOnly]),
      [
        ["fleet-infra", true],
        ["fleet-apps", false],
      ],
    );
  });

  it("uses one key and one Secret in a monorepo", async () => {
    const run = await runProgram({ stack: "staging", mutate: (v) => delete v.github.appsRepository });
    assert.equal(run.recorder.ofType(tlsKeyType).length, 1);
    assert.equal(run.recorder.ofType(deployKeyType).length, 1);
    assert.equal(
      run.recorder.ofType("kubernetes:core/v1:Secret").filter((s) => (s.inputs.metadata as { name: string }).name === "apps-deploy-key")
        .length,
      0,
    );
    assert.equal(run.outputs.appsDeployKey, "same as infraDeployKey (monorepo)");
  });

  for (const [algorithm, expected] of [
    ["ed25519", { algorithm: "ED25519", pem: /^-----BEGIN PRIVATE KEY-----\n/, pub: /^ssh-ed25519 / }],
    ["rsa-4096", { algorithm: "RSA", pem: /^-----BEGIN PRIVATE KEY-----\n/, pub: /^ssh-rsa / }],
  ] as const) {
    it(`generates ${algorithm} keys when flux.sshKeyAlgorithm says so`, async () => {
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.flux.sshKeyAlgorithm = algorithm) });
      const key = run.recorder.get(tlsKeyType, "infra-key");
      assert.equal(key.inputs.algorithm, expected.algorithm);
      if (algorithm === "rsa-4096") assert.equal(key.inputs.rsaBits, 4096);
      const data = unwrapSecrets(secretNamed(run, "flux-system").inputs.stringData) as Record<string, string>;
      assert.match(data.identity, expected.pem);
      assert.match(data["identity.pub"], expected.pub);
    });
  }

  it("rotates by flux.deployKeyRotation: a new key under a new name, created before the old one goes", async () => {
    const run = await runProgram({ stack: "dev", mutate: (v) => (v.flux.deployKeyRotation = 1) });
    assert.deepEqual(
      run.recorder.ofType(tlsKeyType).map((k) => k.name),
      ["infra-key-r1", "apps-key-r1"],
    );
    assert.deepEqual(
      run.recorder.ofType(deployKeyType).map((k) => k.name),
      ["infra-deploy-key", "apps-deploy-key"],
    );
    for (const k of run.recorder.ofType(deployKeyType)) assert.equal(k.options.deleteBeforeReplace, false, "new before old");
  });

  describe("oracle: ssh-keygen reads the Secret's key pair", function () {
    before(function () {
      requireTool(this, "ssh-keygen", "openssl");
    });

    const withIdentity = async <T>(algorithm: string, fn: (file: string, data: Record<string, string>) => T): Promise<T> => {
      const run = await runProgram({ stack: "dev", mutate: (v) => (v.flux.sshKeyAlgorithm = algorithm) });
      const data = unwrapSecrets(secretNamed(run, "flux-system").inputs.stringData) as Record<string, string>;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-key-"));
      try {
        const file = path.join(dir, "identity");
        fs.writeFileSync(file, data.identity, { mode: 0o600 });
        return fn(file, data);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };

    for (const algorithm of ["ecdsa-p384", "rsa-4096"]) {
      it(`${algorithm}: ssh-keygen -y on the PKCS#8 identity prints identity.pub`, async () => {
        await withIdentity(algorithm, (file, data) =>
          assert.equal(runTool("ssh-keygen", ["-y", "-f", file]).trim(), data["identity.pub"].trim()),
        );
      });
    }

    // OpenSSH reads PKCS#8 Ed25519 keys only in newer releases (Debian 12's 9.2 says "invalid format");
    // Flux's Go client (golang.org/x/crypto/ssh ParseRawPrivateKey -> x509.ParsePKCS8PrivateKey) reads them.
    // ssh-keygen -y where it can; openssl's view of the same key otherwise, never neither.
    it("ed25519: the PKCS#8 identity holds the key of identity.pub (ssh-keygen -y, or openssl where ssh-keygen cannot read PKCS#8 Ed25519)", async () => {
      await withIdentity("ed25519", (file, data) => {
        let viaSshKeygen: string | undefined;
        try {
          viaSshKeygen = runTool("ssh-keygen", ["-y", "-f", file]).trim();
        } catch (error) {
          assert.match(String(error), /invalid format/, "only the known PKCS#8 Ed25519 limitation may stop ssh-keygen");
        }
        if (viaSshKeygen !== undefined) assert.equal(viaSshKeygen, data["identity.pub"].trim());
        const der = Buffer.from(
          runTool("openssl", ["pkey", "-in", file, "-pubout", "-outform", "PEM"]).replace(/-----[^-]+-----|\s/g, ""),
          "base64",
        );
        const blob = Buffer.from(data["identity.pub"].split(" ")[1], "base64");
        assert.ok(blob.subarray(blob.length - 32).equals(der.subarray(der.length - 32)), "openssl's public key is the one in identity.pub");
      });
    });
  });
});
