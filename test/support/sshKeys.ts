import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

/**
 * Key pairs in the formats the Pulumi TLS provider returns (PEM private keys, OpenSSH
 * public keys and fingerprints), so mocks hand the program realistic key material.
 */
export interface TlsKeyMaterial {
  readonly privateKeyPem: string;
  readonly privateKeyOpenssh: string;
  readonly privateKeyPemPkcs8: string;
  readonly publicKeyOpenssh: string;
  readonly publicKeyFingerprintSha256: string;
}

function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function sshMpint(unsigned: Buffer): Buffer {
  let bytes = unsigned;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

function publicBlob(publicKey: KeyObject): { type: string; blob: Buffer } {
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty === "OKP") {
    return { type: "ssh-ed25519", blob: Buffer.concat([sshString("ssh-ed25519"), sshString(Buffer.from(jwk.x as string, "base64url"))]) };
  }
  if (jwk.kty === "EC") {
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x as string, "base64url"), Buffer.from(jwk.y as string, "base64url")]);
    return {
      type: "ecdsa-sha2-nistp384",
      blob: Buffer.concat([sshString("ecdsa-sha2-nistp384"), sshString("nistp384"), sshString(point)]),
    };
  }
  const e = Buffer.from(jwk.e as string, "base64url");
  const n = Buffer.from(jwk.n as string, "base64url");
  return { type: "ssh-rsa", blob: Buffer.concat([sshString("ssh-rsa"), sshMpint(e), sshMpint(n)]) };
}

/** OpenSSH's unencrypted private key format (openssh-key-v1) for an Ed25519 key. */
function opensshEd25519Private(privateKey: KeyObject, blob: Buffer): string {
  const jwk = privateKey.export({ format: "jwk" });
  const seed = Buffer.from(jwk.d as string, "base64url");
  const pub = Buffer.from(jwk.x as string, "base64url");
  const check = Buffer.alloc(4, 0x2a);
  let section = Buffer.concat([
    check,
    check,
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(""),
  ]);
  const padding = [];
  for (let i = 1; section.length % 8 !== 0; i++) {
    padding.push(i);
    section = Buffer.concat([section, Buffer.from([i])]);
  }
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    count,
    sshString(blob),
    sshString(section),
  ]);
  const lines = body.toString("base64").match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

export function generateTlsKey(algorithm: string, options: { ecdsaCurve?: string; rsaBits?: number } = {}): TlsKeyMaterial {
  let pair: { publicKey: KeyObject; privateKey: KeyObject };
  let privateKeyPem: string;
  if (algorithm === "ED25519") {
    pair = generateKeyPairSync("ed25519");
    privateKeyPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  } else if (algorithm === "ECDSA") {
    if (options.ecdsaCurve !== "P384") throw new Error(`mock supports ECDSA P384 only, got ${options.ecdsaCurve}`);
    pair = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    privateKeyPem = pair.privateKey.export({ type: "sec1", format: "pem" }).toString();
  } else {
    pair = generateKeyPairSync("rsa", { modulusLength: options.rsaBits ?? 2048 });
    privateKeyPem = pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  }
  const { type, blob } = publicBlob(createPublicKey(pair.privateKey));
  const fingerprint = createHash("sha256").update(blob).digest("base64").replace(/=+$/, "");
  return {
    privateKeyPem,
    privateKeyPemPkcs8: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    privateKeyOpenssh: algorithm === "ED25519" ? opensshEd25519Private(pair.privateKey, blob) : privateKeyPem,
    publicKeyOpenssh: `${type} ${blob.toString("base64")}\n`,
    publicKeyFingerprintSha256: `SHA256:${fingerprint}`,
  };
}
