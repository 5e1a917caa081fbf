/** Bech32 (BIP-173) encoding without the 90-character limit, as the age specification uses it. */
const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= generators[i];
  }
  return checksum;
}

function expandHrp(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

function toFiveBitWords(bytes: Uint8Array): number[] {
  const words: number[] = [];
  let accumulator = 0;
  let bits = 0;
  for (const byte of bytes) {
    accumulator = (accumulator << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((accumulator >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((accumulator << (5 - bits)) & 31);
  return words;
}

function fromFiveBitWords(words: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  let accumulator = 0;
  let bits = 0;
  for (const word of words) {
    accumulator = (accumulator << 5) | word;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((accumulator >>> bits) & 0xff);
    }
  }
  if (bits >= 5 || ((accumulator << (8 - bits)) & 0xff) !== 0) throw new Error("bech32: invalid padding");
  return Uint8Array.from(bytes);
}

/** Encodes `data` with the lower-case human-readable part `hrp`. */
export function bech32Encode(hrp: string, data: Uint8Array): string {
  const words = toFiveBitWords(data);
  const checksumInput = [...expandHrp(hrp), ...words, 0, 0, 0, 0, 0, 0];
  const mod = polymod(checksumInput) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => charset[w]).join("")}`;
}

/** Decodes a Bech32 string (either case); throws on a bad checksum or character. */
export function bech32Decode(text: string): { hrp: string; data: Uint8Array } {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) throw new Error("bech32: mixed case");
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf("1");
  if (separator < 1 || separator + 7 > lower.length) throw new Error("bech32: malformed");
  const hrp = lower.slice(0, separator);
  const words = [...lower.slice(separator + 1)].map((c) => {
    const word = charset.indexOf(c);
    if (word < 0) throw new Error(`bech32: invalid character ${JSON.stringify(c)}`);
    return word;
  });
  if (polymod([...expandHrp(hrp), ...words]) !== 1) throw new Error("bech32: bad checksum");
  return { hrp, data: fromFiveBitWords(words.slice(0, -6)) };
}
