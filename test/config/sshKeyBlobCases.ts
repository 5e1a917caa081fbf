import { generateKeyPairSync } from "node:crypto";
import { githubDotComHostKeys } from "../../generators/ssh/githubHostKeys";

/**
 * known_hosts key blobs for test/config/sshKeyBlob.test.ts, built from real keys
 * (GitHub's published ssh-keygen-made keys, keys Node generates) with one field
 * corrupted at a time. `reject` is the message expected, undefined when the key is good.
 */
export interface BlobCase {
  readonly name: string;
  readonly type: string;
  readonly key: string;
  readonly reject?: RegExp;
}

/** SSH wire format (RFC 4251 section 5). */
export const wireString = (b: Buffer | string): Buffer => {
  const bytes = typeof b === "string" ? Buffer.from(b, "latin1") : b;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};
export const blob = (...fields: (Buffer | string)[]): string => Buffer.concat(fields.map(wireString)).toString("base64");
export const fieldsOf = (key: string): Buffer[] => {
  const b = Buffer.from(key, "base64");
  const out: Buffer[] = [];
  for (let o = 0; o < b.length; o += 4 + b.readUInt32BE(o)) out.push(b.subarray(o + 4, o + 4 + b.readUInt32BE(o)));
  return out;
};
/** An mpint of a non-negative integer: big-endian, a zero byte first when the top bit is set. */
export const mpint = (v: bigint): Buffer => {
  if (v === 0n) return Buffer.alloc(0);
  const hex = v.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  return bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
};
const fromJwk = (s: string | undefined): Buffer => Buffer.from(s ?? "", "base64url");
const flip = (b: Buffer, at: number): Buffer => {
  const c = Buffer.from(b);
  c[at < 0 ? c.length + at : at] ^= 1;
  return c;
};

const [ghEd25519, ghEcdsa, ghRsa] = githubDotComHostKeys;
const [, edKey] = fieldsOf(ghEd25519.key);
const [, p256Name, p256Point] = fieldsOf(ghEcdsa.key);
const [, rsaE, rsaN] = fieldsOf(ghRsa.key);

const ecJwk = (namedCurve: string) => generateKeyPairSync("ec", { namedCurve }).publicKey.export({ format: "jwk" });
const p384 = ecJwk("P-384");
const p521 = ecJwk("P-521");
const point = (jwk: { x?: string; y?: string }) => Buffer.concat([Buffer.from([4]), fromJwk(jwk.x), fromJwk(jwk.y)]);
const rsa1024 = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });

/** P-256 points on the curve (y² = x³ - 3x + b mod p) that OpenSSH still refuses: x under 2^128, or x ≥ order - 1. */
const P256 = {
  p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
  b: BigInt("0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
  n: BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
};
const modPow = (base: bigint, exp: bigint, m: bigint): bigint => {
  let result = 1n;
  for (base %= m; exp > 0n; exp >>= 1n, base = (base * base) % m) if (exp & 1n) result = (result * base) % m;
  return result;
};
/** The first point on P-256 with x ≥ `from` (p ≡ 3 mod 4, so a square root is a power). */
export function p256PointFrom(from: bigint): Buffer {
  const { p, b } = P256;
  for (let x = from; ; x++) {
    const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
    const y = modPow(rhs, (p + 1n) / 4n, p);
    if ((y * y) % p !== rhs) continue;
    const coordinate = (v: bigint) => Buffer.from(v.toString(16).padStart(64, "0"), "hex");
    return Buffer.concat([Buffer.from([4]), coordinate(x), coordinate(y)]);
  }
}

const negateY = (q: Buffer): Buffer => {
  const y = P256.p - BigInt(`0x${q.subarray(33).toString("hex")}`);
  return Buffer.concat([q.subarray(0, 33), Buffer.from(y.toString(16).padStart(64, "0"), "hex")]);
};

const rsa = "ssh-rsa";
const e256 = "ecdsa-sha2-nistp256";
const skEc = "sk-ecdsa-sha2-nistp256@openssh.com";
const skEd = "sk-ssh-ed25519@openssh.com";
const dsaP = 2n ** 1023n + 1n;
const dsaQ = 2n ** 159n + 1n;
const flux = /Flux's SSH library \(golang\.org\/x\/crypto\/ssh\)/;

export const goodCases: readonly BlobCase[] = [
  { name: "GitHub's ed25519 key", type: ghEd25519.type, key: ghEd25519.key },
  { name: "GitHub's ecdsa-sha2-nistp256 key", type: ghEcdsa.type, key: ghEcdsa.key },
  { name: "GitHub's 3072-bit RSA key", type: ghRsa.type, key: ghRsa.key },
  { name: "an ecdsa-sha2-nistp384 key", type: "ecdsa-sha2-nistp384", key: blob("ecdsa-sha2-nistp384", "nistp384", point(p384)) },
  { name: "an ecdsa-sha2-nistp521 key", type: "ecdsa-sha2-nistp521", key: blob("ecdsa-sha2-nistp521", "nistp521", point(p521)) },
  {
    name: "a 1024-bit RSA key (the minimum)",
    type: rsa,
    key: blob(rsa, fromJwk(rsa1024.e), mpint(BigInt(`0x${fromJwk(rsa1024.n).toString("hex")}`))),
  },
  { name: "an RSA modulus of 16384 bits (the maximum)", type: rsa, key: blob(rsa, rsaE, mpint(2n ** 16383n + 1n)) },
  { name: "an RSA mpint with extra leading zero bytes", type: rsa, key: blob(rsa, Buffer.concat([Buffer.alloc(2), rsaE]), rsaN) },
  { name: "an ECDSA point with y negated (still on the curve)", type: e256, key: blob(e256, p256Name, negateY(p256Point)) },
  {
    name: "an ssh-ed25519 key of 32 zero bytes (ssh-keygen reads any 32 bytes)",
    type: "ssh-ed25519",
    key: blob("ssh-ed25519", Buffer.alloc(32)),
  },
  { name: "an sk-ecdsa key", type: skEc, key: blob(skEc, p256Name, p256Point, "ssh:") },
  { name: "an sk-ecdsa key with an empty application", type: skEc, key: blob(skEc, p256Name, p256Point, "") },
  { name: "an sk-ed25519 key", type: skEd, key: blob(skEd, edKey, "ssh:") },
  { name: "an sk-ed25519 key whose application is not UTF-8", type: skEd, key: blob(skEd, edKey, Buffer.from([0xff, 0xfe])) },
  { name: "a 1024/160 DSA key", type: "ssh-dss", key: blob("ssh-dss", mpint(dsaP), mpint(dsaQ), mpint(2n), mpint(5n)) },
];

export const badCases: readonly BlobCase[] = [
  {
    name: "an RSA key with a 1-byte exponent and modulus",
    type: rsa,
    key: "AAAAB3NzaC1yc2EAAAABAwAAAAEF",
    reject: /ssh-rsa key's modulus is 3 bits; ssh refuses RSA keys under 1024 bits/,
  },
  { name: "an RSA key with empty fields", type: rsa, key: blob(rsa, "", ""), reject: /modulus is 0 bits/ },
  {
    name: "a 1023-bit RSA modulus",
    type: rsa,
    key: blob(rsa, rsaE, mpint(2n ** 1022n + 1n)),
    reject: /modulus is 1023 bits.*"Invalid key length"/,
  },
  {
    name: "an RSA modulus over 16384 bits",
    type: rsa,
    key: blob(rsa, rsaE, mpint(2n ** 16384n + 1n)),
    reject: /modulus is over 16384 bits/,
  },
  { name: "a negative RSA modulus", type: rsa, key: blob(rsa, rsaE, rsaN.subarray(1)), reject: /ssh-rsa key's modulus is negative/ },
  { name: "a negative RSA exponent", type: rsa, key: blob(rsa, Buffer.from([0x81, 0, 1]), rsaN), reject: /public exponent is negative/ },
  { name: "an even RSA exponent", type: rsa, key: blob(rsa, mpint(65536n), rsaN), reject: /public exponent is 65536; Flux's SSH library/ },
  { name: "an RSA exponent of 1", type: rsa, key: blob(rsa, mpint(1n), rsaN), reject: /public exponent is 1;/ },
  { name: "an empty RSA exponent (0)", type: rsa, key: blob(rsa, "", rsaN), reject: /public exponent is 0;/ },
  {
    name: "an RSA exponent over 24 bits",
    type: rsa,
    key: blob(rsa, mpint(2n ** 32n + 1n), rsaN),
    reject: /public exponent is a 33-bit number/,
  },
  { name: "an RSA key without its modulus", type: rsa, key: blob(rsa, rsaE), reject: /ssh-rsa key is truncated \(modulus is missing\)/ },
  {
    name: "an RSA modulus cut short",
    type: rsa,
    key: Buffer.from(ghRsa.key, "base64").subarray(0, 100).toString("base64"),
    reject: /ssh-rsa key is truncated \(modulus is cut short\)/,
  },
  {
    name: "an RSA key with a third field",
    type: rsa,
    key: blob(rsa, rsaE, rsaN, "x"),
    reject: /5 bytes of trailing data after its last field/,
  },
  {
    name: "an ECDSA point of 3 bytes",
    type: e256,
    key: blob(e256, p256Name, Buffer.from([4, 1, 2])),
    reject: /public point is 3 bytes, not 65/,
  },
  {
    name: "a compressed ECDSA point",
    type: e256,
    key: blob(e256, p256Name, Buffer.concat([Buffer.from([2]), p256Point.subarray(1, 33)])),
    reject: /not an uncompressed point/,
  },
  { name: "the ECDSA point at infinity", type: e256, key: blob(e256, p256Name, Buffer.from([0])), reject: /not an uncompressed point/ },
  {
    name: "an ECDSA point off the curve",
    type: e256,
    key: blob(e256, p256Name, flip(p256Point, -1)),
    reject: /OpenSSL refuses the ecdsa-sha2-nistp256 key .*not on the curve P-256/,
  },
  {
    name: "an ECDSA point with x under 2^128",
    type: e256,
    key: blob(e256, p256Name, p256PointFrom(0n)),
    reject: /coordinate OpenSSH refuses \(not between 2\^128/,
  },
  {
    name: "an ECDSA point with x at the group order - 1",
    type: e256,
    key: blob(e256, p256Name, p256PointFrom(P256.n - 1n)),
    reject: /coordinate OpenSSH refuses/,
  },
  {
    name: "an ECDSA key naming another curve",
    type: e256,
    key: blob(e256, "nistp384", p256Point),
    reject: /names the curve "nistp384", not nistp256/,
  },
  {
    name: "a P-384 point of P-256 length",
    type: "ecdsa-sha2-nistp384",
    key: blob("ecdsa-sha2-nistp384", "nistp384", p256Point),
    reject: /public point is 65 bytes, not 97/,
  },
  {
    name: "a P-521 point off the curve",
    type: "ecdsa-sha2-nistp521",
    key: blob("ecdsa-sha2-nistp521", "nistp521", flip(point(p521), -1)),
    reject: /not on the curve P-521/,
  },
  { name: "an ECDSA key with trailing data", type: e256, key: blob(e256, p256Name, p256Point, ""), reject: /4 bytes of trailing data/ },
  {
    name: "an ssh-ed25519 key of 31 bytes",
    type: "ssh-ed25519",
    key: blob("ssh-ed25519", edKey.subarray(1)),
    reject: /ssh-ed25519 key is 31 bytes, not 32/,
  },
  {
    name: "an ssh-ed25519 key of 33 bytes",
    type: "ssh-ed25519",
    key: blob("ssh-ed25519", Buffer.concat([edKey, Buffer.from([0])])),
    reject: /is 33 bytes, not 32/,
  },
  {
    name: "an ssh-ed25519 key with one trailing byte",
    type: "ssh-ed25519",
    key: Buffer.concat([Buffer.from(ghEd25519.key, "base64"), Buffer.from([0])]).toString("base64"),
    reject: /1 byte of trailing data/,
  },
  {
    name: "an sk-ecdsa key without its application",
    type: skEc,
    key: blob(skEc, p256Name, p256Point),
    reject: /truncated \(application string is missing\)/,
  },
  {
    name: "an sk-ecdsa key off the curve",
    type: skEc,
    key: blob(skEc, p256Name, flip(p256Point, -1), "ssh:"),
    reject: /not on the curve P-256/,
  },
  {
    name: "an sk-ecdsa key on nistp384",
    type: skEc,
    key: blob(skEc, "nistp384", point(p384), "ssh:"),
    reject: /names the curve "nistp384", not nistp256/,
  },
  {
    name: "an sk-ed25519 key without its application",
    type: skEd,
    key: blob(skEd, edKey),
    reject: /sk-ssh-ed25519@openssh\.com key is truncated \(application string is missing\)/,
  },
  { name: "an sk-ed25519 key of 31 bytes", type: skEd, key: blob(skEd, edKey.subarray(1), "ssh:"), reject: /is 31 bytes, not 32/ },
  {
    name: "an application string with a NUL byte",
    type: skEd,
    key: blob(skEd, edKey, "ss\0h"),
    reject: /application string contains a NUL byte/,
  },
  {
    name: "a key blob of another type",
    type: "ssh-ed25519",
    key: blob("ssh-rsa", edKey),
    reject: /the key blob is a "ssh-rsa" key, not ssh-ed25519/,
  },
  {
    name: "base64 with stray bits in its last character",
    type: e256,
    key: ghEcdsa.key.replace(/g=$/, "h="),
    reject: /not canonical base64/,
  },
  { name: "base64 without its padding", type: e256, key: ghEcdsa.key.replace(/=$/, ""), reject: /the key is not base64/ },
  {
    name: "a 2048-bit DSA key",
    type: "ssh-dss",
    key: blob("ssh-dss", mpint(2n ** 2047n + 1n), mpint(dsaQ), mpint(2n), mpint(5n)),
    reject: flux,
  },
  { name: "a DSA key with y = 0", type: "ssh-dss", key: blob("ssh-dss", mpint(dsaP), mpint(dsaQ), mpint(2n), mpint(0n)), reject: flux },
  {
    name: "a DSA key without y",
    type: "ssh-dss",
    key: blob("ssh-dss", mpint(dsaP), mpint(dsaQ), mpint(2n)),
    reject: /truncated \(parameter y is missing\)/,
  },
];
