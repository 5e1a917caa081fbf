import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ageKeyFile, ageKeyPairFromSecret, ageRecipientOf } from "../../../generators/sops/ageKey";
import { requireTool, runTool } from "../../support/realTools";

const seeds = ["dev", "staging", "prod", "qa", "rotation-1"].map((s) => createHash("sha256").update(s).digest());

describe("generators/sops: age keys", () => {
  it("encodes identities and recipients as age does", () => {
    const pair = ageKeyPairFromSecret(seeds[0]);
    assert.match(pair.identity, /^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/);
    assert.match(pair.recipient, /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/);
    assert.equal(ageRecipientOf(pair.identity), pair.recipient);
  });

  it("is deterministic: the same 32 bytes give the same key", () => {
    assert.deepEqual(ageKeyPairFromSecret(seeds[1]), ageKeyPairFromSecret(Buffer.from(seeds[1])));
    assert.notEqual(ageKeyPairFromSecret(seeds[1]).recipient, ageKeyPairFromSecret(seeds[2]).recipient);
  });

  it("writes a key file like age-keygen, without a timestamp", () => {
    const pair = ageKeyPairFromSecret(seeds[0]);
    assert.equal(ageKeyFile(pair), `# public key: ${pair.recipient}\n${pair.identity}\n`);
  });

  it("reads an identity back and rejects a corrupted one without repeating it", () => {
    const pair = ageKeyPairFromSecret(seeds[3]);
    assert.equal(ageRecipientOf(pair.identity.toLowerCase()), pair.recipient);
    const corrupted = pair.identity.slice(0, -1) + (pair.identity.endsWith("Q") ? "P" : "Q");
    assert.throws(
      () => ageRecipientOf(corrupted),
      (error: Error) =>
        /bad Bech32 checksum/.test(error.message) && !error.message.includes(corrupted.slice("AGE-SECRET-KEY-1".length, -6)),
    );
    assert.throws(() => ageRecipientOf(pair.recipient), /not an age identity/);
  });

  it("rejects a secret that is not 32 bytes", () => {
    assert.throws(() => ageKeyPairFromSecret(Buffer.alloc(31)), /an age X25519 secret is 32 bytes, got 31/);
  });

  describe("oracle: the age CLI", function () {
    before(function () {
      requireTool(this, "age", "age-keygen");
    });

    for (const [i, seed] of seeds.entries()) {
      it(`age-keygen -y prints the derived recipient (seed ${i})`, () => {
        const pair = ageKeyPairFromSecret(seed);
        assert.equal(runTool("age-keygen", ["-y"], `${pair.identity}\n`).trim(), pair.recipient);
      });
    }

    it("a message encrypted by age to the recipient decrypts with the derived identity", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "age-oracle-"));
      try {
        const pair = ageKeyPairFromSecret(seeds[4]);
        const keyFile = path.join(dir, "key.txt");
        fs.writeFileSync(keyFile, ageKeyFile(pair), { mode: 0o600 });
        const message = "apiVersion: v1\nkind: Secret\nstringData:\n  password: hunter2\n";
        const encrypted = path.join(dir, "secret.age");
        runTool("age", ["--encrypt", "--recipient", pair.recipient, "--output", encrypted], message);
        assert.equal(runTool("age", ["--decrypt", "--identity", keyFile, encrypted]), message);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
