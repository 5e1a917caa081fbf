import { createPrivateKey, createPublicKey } from "node:crypto";
import { bech32 } from "@scure/base";

/** An age X25519 key pair in age's text encodings. */
export interface AgeKeyPair {
  /** `AGE-SECRET-KEY-1...` (secret). */
  readonly identity: string;
  /** `age1...` (public). */
  readonly recipient: string;
}

const pkcs8X25519Prefix = Buffer.from("302e020100300506032b656e04220420", "hex");

/**
 * Derives the age identity and recipient from a 32-byte X25519 secret scalar, as
 * `age-keygen` encodes them (age spec: Bech32, HRPs "AGE-SECRET-KEY-" and "age").
 */
export function ageKeyPairFromSecret(secret: Uint8Array): AgeKeyPair {
  if (secret.length !== 32) throw new Error(`an age X25519 secret is 32 bytes, got ${secret.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([pkcs8X25519Prefix, secret]), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const publicKey = Buffer.from(jwk.x as string, "base64url");
  return {
    identity: bech32Encode("age-secret-key-", secret).toUpperCase(),
    recipient: bech32Encode("age", publicKey),
  };
}

/** The recipient of an identity string (what `age-keygen -y` prints). Errors never repeat the identity. */
export function ageRecipientOf(identity: string): string {
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(identity.trim() as `${string}1${string}`, false);
  } catch {
    throw new Error("not an age identity (AGE-SECRET-KEY-1...): bad Bech32 checksum or character");
  }
  if (decoded.prefix !== "age-secret-key-") throw new Error("not an age identity (AGE-SECRET-KEY-1...)");
  return ageKeyPairFromSecret(bech32.fromWords(decoded.words)).recipient;
}

/** Bech32 without the 90-character limit, as the age specification uses it. */
function bech32Encode(prefix: string, data: Uint8Array): string {
  return bech32.encode(prefix, bech32.toWords(data), false);
}

/** The content of an age key file as `age-keygen` writes it, without the creation timestamp. */
export function ageKeyFile(pair: AgeKeyPair): string {
  return `# public key: ${pair.recipient}\n${pair.identity}\n`;
}
