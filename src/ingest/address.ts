import ipaddr from 'ipaddr.js';

/** What an IP address is, in the words an operator reads: public, or which kind of non-public range it is in. */
export type AddressClass = { public: true } | { public: false; kind: string };

const IPV4_KINDS: Record<string, string> = {
  unspecified: 'an unspecified address (0.0.0.0/8)',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  private: 'a private address',
  reserved: 'a reserved address',
  as112: 'a reserved (AS112) address',
  amt: 'a reserved (AMT) address',
};

const IPV6_KINDS: Record<string, string> = {
  unspecified: 'an unspecified address (::)',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  loopback: 'a loopback address',
  uniqueLocal: 'a private (unique local) address',
  deprecatedSiteLocal: 'a private (site-local) address',
  rfc6052: 'a NAT64 address',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  reserved: 'a reserved (documentation) address',
  benchmarking: 'a reserved (benchmarking) address',
  discard: 'a reserved (discard) address',
};

/** Global unicast IPv6 (2000::/3): everything outside it is not a public internet address. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Whether `address` (an IPv4 or IPv6 literal, with or without [brackets]) is a public internet
 * address. Loopback, private, link-local, CGNAT, multicast, reserved, documentation and translation
 * ranges are not; an IPv4-mapped IPv6 address is judged by its IPv4 address.
 */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return { public: false, kind: 'not an IP address' };
  let ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (ip.kind() === 'ipv4') {
    return range === 'unicast' ? { public: true } : { public: false, kind: IPV4_KINDS[range] ?? `a non-public address (${range})` };
  }
  if (range === 'unicast' && (ip as ipaddr.IPv6).match(GLOBAL_UNICAST)) return { public: true };
  return { public: false, kind: IPV6_KINDS[range] ?? (range === 'unicast' ? 'a reserved address' : `a non-public address (${range})`) };
}

/** Whether a URL's host is written as an IP address (IPv4 in any form the URL parser accepts, or [IPv6]). */
export function ipLiteralOf(url: URL): string | undefined {
  const host = url.hostname;
  if (host.startsWith('[')) return host.slice(1, -1);
  return ipaddr.IPv4.isValidFourPartDecimal(host) ? host : undefined;
}
