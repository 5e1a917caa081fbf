/** IPv4 address and CIDR helpers for config validation. */

export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function isValidIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

/** Parses "a.b.c.d/n"; the address must be the network address of the prefix. */
export function parseCidr(text: string): Ipv4Range | undefined {
  const match = /^([\d.]+)\/(0|[1-9]\d?)$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { first: address, last: address + size - 1, prefix };
}

export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Why `text` is not an IPv4 CIDR, with the fix (`example` is a valid one for this key). */
export function cidrProblem(text: string, example: string): string | undefined {
  if (parseCidr(text)) return undefined;
  if (text.includes(":")) return `is an IPv6 range; this key takes IPv4 CIDRs such as ${example}`;
  const [, network = "", prefixText = ""] = /^([\d.]+)\/(0|[1-9]\d?)$/.exec(text) ?? [];
  const address = parseIpv4(network);
  const prefix = Number(prefixText);
  if (address !== undefined && prefix <= 32) {
    const size = 2 ** (32 - prefix);
    return `has host bits set: the network of ${text} is ${formatIpv4(address - (address % size))}/${prefix}; write that`;
  }
  if (address === undefined && parseIpv4(text) !== undefined)
    return `is an address without a prefix length: add one, as in ${example} (${text}/32 is that one address)`;
  return `must be an IPv4 CIDR such as ${example}`;
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function rangeContains(range: Ipv4Range, address: number): boolean {
  return address >= range.first && address <= range.last;
}

/** RFC 5737's documentation-only ranges: examples in books and READMEs, never a real client. */
const documentationRanges = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];

/** Special-purpose ranges (RFC 6890) no client on the internet sends from, so no client of a public API server. */
const unroutableRanges: readonly (readonly [string, string])[] = [
  ["0.0.0.0/8", '"this network" (RFC 791)'],
  ["100.64.0.0/10", "carrier-grade NAT's shared address space (RFC 6598), rewritten before it reaches Azure"],
  ["127.0.0.0/8", "loopback (RFC 1122)"],
  ["169.254.0.0/16", "link-local (RFC 3927)"],
  ["192.0.0.0/24", "IETF protocol assignments (RFC 6890)"],
  ["198.18.0.0/15", "benchmarking (RFC 2544)"],
  ["224.0.0.0/4", "multicast (RFC 5771)"],
  ["240.0.0.0/4", "reserved and broadcast (RFC 1112, RFC 919)"],
];

/** The broadest authorized range production accepts (the policy pack's aks-api-server-access agrees). */
export const broadestProductionPrefix = 8;

/** Why a production environment must not authorize `text` on its API server, or undefined. */
export function productionRangeProblem(text: string): string | undefined {
  const range = parseCidr(text);
  if (!range) return undefined;
  if (range.prefix < broadestProductionPrefix) {
    return `opens the API server to ${range.prefix === 0 ? "the whole internet" : `a /${range.prefix}, a large part of the internet`}, which the production profile does not allow; list your corporate and CI egress ranges (at most /${broadestProductionPrefix} each), or set cluster.privateCluster: true`;
  }
  const documentation = documentationRanges.find((doc) => rangesOverlap(range, parseCidr(doc) as Ipv4Range));
  if (documentation) {
    return `is a documentation-only range (RFC 5737, ${documentation}) that no real client sends from, so nobody could reach the API server; replace it with your corporate and CI egress ranges`;
  }
  const special = unroutableRanges.find(([cidr]) => rangesOverlap(range, parseCidr(cidr) as Ipv4Range));
  if (special) {
    return `overlaps ${special[0]}, ${special[1]}, which no client reaching a public API server comes from; replace it with your corporate and CI egress ranges`;
  }
  return undefined;
}
