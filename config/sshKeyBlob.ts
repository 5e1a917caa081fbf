import { createPublicKey, type JsonWebKey } from "node:crypto";

/**
 * The key material of a known_hosts line checked as OpenSSH's sshkey_from_blob (9.x) and
 * Flux's reader (golang.org/x/crypto/ssh ParsePublicKey) check it: the base64 blob holds
 * the key type again and then exactly the fields of that type's wire format (RFC 4253
 * 6.6, RFC 5656 3.1, RFC 8709 4, OpenSSH PROTOCOL.u2f), each field well formed, nothing
 * after the last one; RSA, ECDSA and Ed25519 keys are then imported with
 * crypto.createPublicKey (OpenSSL refuses EC points off their curve). Stricter than
 * `ssh-keygen -l` where Flux's Go reader refuses a key ssh-keygen would fingerprint
 * (RSA exponents that are even, under 3 or over 24 bits; DSA keys that are not 1024/160).
 * Messages name the field and never repeat the blob.
 */
export const sshKeyTypes: readonly string[] = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ecdsa-sha2-nistp256@openssh.com",
  "sk-ssh-ed25519@openssh.com",
  "ssh-dss",
];

/** OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE and SSHBUF_MAX_BIGNUM (bytes). */
const rsaMinimumBits = 1024;
const maxBignumBytes = 16384 / 8;

/** Thrown by the field reader; becomes the line's problem. */
class KeyProblem extends Error {}

/** SSH wire-format fields (RFC 4251 section 5) of one blob, read in order. */
class Fields {
  private offset = 0;

  constructor(
    private readonly keyType: string,
    private readonly blob: Buffer,
  ) {}

  /** A `string` field: uint32 length, then that many bytes. */
  string(what: string): Buffer {
    if (this.offset === this.blob.length) throw new KeyProblem(`the ${this.keyType} key is truncated (${what} is missing)`);
    if (this.offset + 4 > this.blob.length) throw new KeyProblem(`the ${this.keyType} key is truncated (${what} is cut short)`);
    const length = this.blob.readUInt32BE(this.offset);
    if (this.offset + 4 + length > this.blob.length) throw new KeyProblem(`the ${this.keyType} key is truncated (${what} is cut short)`);
    const value = this.blob.subarray(this.offset + 4, this.offset + 4 + length);
    this.offset += 4 + length;
    return value;
  }

  /** An `mpint` field as OpenSSH reads one: not negative, at most 16384 bits; leading zero bytes dropped. */
  mpint(what: string): Buffer {
    const raw = this.string(what);
    if (raw.length > 0 && (raw[0] & 0x80) !== 0) throw new KeyProblem(`the ${this.keyType} key's ${what} is negative`);
    if (raw.length > maxBignumBytes + 1 || (raw.length === maxBignumBytes + 1 && raw[0] !== 0))
      throw new KeyProblem(`the ${this.keyType} key's ${what} is over 16384 bits`);
    let start = 0;
    while (start < raw.length && raw[start] === 0) start++;
    return raw.subarray(start);
  }

  /** The key ends with its last field (OpenSSH: "unexpected bytes remain after decoding"). */
  end(): undefined {
    const rest = this.blob.length - this.offset;
    if (rest > 0)
      throw new KeyProblem(`the ${this.keyType} key has ${rest} byte${rest === 1 ? "" : "s"} of trailing data after its last field`);
    return undefined;
  }
}

const bits = (magnitude: Buffer): number => (magnitude.length === 0 ? 0 : (magnitude.length - 1) * 8 + (32 - Math.clz32(magnitude[0])));
const big = (magnitude: Buffer): bigint => (magnitude.length === 0 ? 0n : BigInt(`0x${magnitude.toString("hex")}`));
const bitLength = (value: bigint): number => (value === 0n ? 0 : value.toString(2).length);
const jwkBytes = (b: Buffer): string => (b.length === 0 ? "AA" : b.toString("base64url"));

/** What OpenSSL says when it refuses the key, or undefined when it imports it. */
function importProblem(keyType: string, jwk: JsonWebKey): string | undefined {
  try {
    createPublicKey({ key: jwk, format: "jwk" });
    return undefined;
  } catch (e) {
    return `OpenSSL refuses the ${keyType} key (${(e as Error).message})`;
  }
}

function rsa(f: Fields): string | undefined {
  const e = f.mpint("public exponent");
  const n = f.mpint("modulus");
  f.end();
  const nBits = bits(n);
  if (nBits < rsaMinimumBits)
    return `the ssh-rsa key's modulus is ${nBits} bits; ssh refuses RSA keys under ${rsaMinimumBits} bits ("Invalid key length"): use the host's ed25519 or ecdsa key, or an RSA key of 3072 bits`;
  const eBits = bits(e);
  const exponent = eBits > 24 ? undefined : Number(big(e));
  if (exponent === undefined || exponent < 3 || exponent % 2 === 0) {
    const shown = exponent === undefined ? `a ${eBits}-bit number` : String(exponent);
    return `the ssh-rsa key's public exponent is ${shown}; Flux's SSH library (golang.org/x/crypto/ssh) refuses exponents that are even, under 3 or over 24 bits, and host keys use 65537`;
  }
  return importProblem("ssh-rsa", { kty: "RSA", n: jwkBytes(n), e: jwkBytes(e) });
}

function dsa(f: Fields): string | undefined {
  const [p, q, g, y] = ["p", "q", "g", "y"].map((name) => f.mpint(`parameter ${name}`));
  f.end();
  const why = "Flux's SSH library (golang.org/x/crypto/ssh) reads only FIPS 186-2 DSA keys";
  if (bits(p) !== 1024 || bits(q) !== 160)
    return `the ssh-dss key has a ${bits(p)}-bit p and a ${bits(q)}-bit q; ${why} (1024-bit p, 160-bit q)`;
  if (big(g) === 0n || big(g) >= big(p) || big(y) === 0n || big(y) >= big(p))
    return `the ssh-dss key's g or y is not between 0 and p; ${why}`;
  return undefined;
}

/** RFC 5656 curves: JWK name, field size in bytes, and the group order OpenSSH compares coordinates with. */
const curves: Record<string, { crv: string; size: number; order: bigint }> = {
  nistp256: { crv: "P-256", size: 32, order: BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551") },
  nistp384: {
    crv: "P-384",
    size: 48,
    order: BigInt("0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
  },
  nistp521: {
    crv: "P-521",
    size: 66,
    order: BigInt(
      "0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    ),
  },
};

function ecdsa(keyType: string, curveName: string, f: Fields): string | undefined {
  const named = f.string("curve name").toString("latin1");
  if (named !== curveName) return `the ${keyType} key names the curve ${JSON.stringify(named.slice(0, 40))}, not ${curveName}`;
  const { crv, size, order } = curves[curveName];
  const point = f.string("public point");
  if (point.length === 0 || point[0] !== 0x04)
    return `the ${keyType} key's public point is not an uncompressed point (0x04 || x || y), the only form SSH allows`;
  if (point.length !== 1 + 2 * size)
    return `the ${keyType} key's public point is ${point.length} bytes, not ${1 + 2 * size} (0x04 and two ${size}-byte coordinates)`;
  const x = point.subarray(1, 1 + size);
  const y = point.subarray(1 + size);
  const refused = importProblem(keyType, { kty: "EC", crv, x: x.toString("base64url"), y: y.toString("base64url") });
  if (refused) return `${refused}: the public point is not on the curve ${crv}`;
  // sshkey_ec_validate_public: log2(x), log2(y) > log2(order)/2 and x, y < order - 1.
  const half = Math.floor(bitLength(order) / 2);
  if ([big(x), big(y)].some((c) => bitLength(c) <= half || c >= order - 1n))
    return `the ${keyType} key's public point has a coordinate OpenSSH refuses (not between 2^${half} and the group order - 1)`;
  return undefined;
}

function ed25519(keyType: string, f: Fields): string | undefined {
  const key = f.string("public key");
  if (key.length !== 32) return `the ${keyType} key is ${key.length} bytes, not 32`;
  return importProblem(keyType, { kty: "OKP", crv: "Ed25519", x: key.toString("base64url") });
}

/** The FIDO application string of sk- keys (PROTOCOL.u2f): present, a C string (no NUL byte). */
function application(keyType: string, f: Fields): string | undefined {
  const app = f.string("application string");
  if (app.includes(0)) return `the ${keyType} key's application string contains a NUL byte`;
  return undefined;
}

const checks: Record<string, (f: Fields) => string | undefined> = {
  "ssh-rsa": rsa,
  "ssh-dss": dsa,
  "ecdsa-sha2-nistp256": (f) => ecdsa("ecdsa-sha2-nistp256", "nistp256", f) ?? f.end(),
  "ecdsa-sha2-nistp384": (f) => ecdsa("ecdsa-sha2-nistp384", "nistp384", f) ?? f.end(),
  "ecdsa-sha2-nistp521": (f) => ecdsa("ecdsa-sha2-nistp521", "nistp521", f) ?? f.end(),
  "ssh-ed25519": (f) => ed25519("ssh-ed25519", f) ?? f.end(),
  "sk-ecdsa-sha2-nistp256@openssh.com": (f) => {
    const type = "sk-ecdsa-sha2-nistp256@openssh.com";
    return ecdsa(type, "nistp256", f) ?? application(type, f) ?? f.end();
  },
  "sk-ssh-ed25519@openssh.com": (f) => {
    const type = "sk-ssh-ed25519@openssh.com";
    return ed25519(type, f) ?? application(type, f) ?? f.end();
  },
};

/** Why the base64 `key` is not a well-formed public key of `keyType` (one of sshKeyTypes), or undefined. */
export function checkKeyBlob(keyType: string, key: string): string | undefined {
  // OpenSSH's b64_pton: padded to a multiple of 4, and the unused bits of the last character zero.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) return "the key is not base64";
  const blob = Buffer.from(key, "base64");
  if (blob.toString("base64") !== key) return "the key is not canonical base64 (its last character has stray bits), so ssh cannot read it";
  const f = new Fields(keyType, blob);
  try {
    const name = f.string("key type").toString("latin1");
    if (name !== keyType) return `the key blob is a ${JSON.stringify(name.slice(0, 40))} key, not ${keyType}`;
    return checks[keyType](f);
  } catch (e) {
    if (e instanceof KeyProblem) return e.message;
    throw e;
  }
}
