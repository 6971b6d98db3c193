/**
 * Which robot webhook URLs the system may call (SSRF defence). A department
 * stores a URL; the API's test send and the worker's reminders then make a
 * server-side request to it, from inside the government network. So a URL is
 * accepted only when it is https and every address its host resolves to is a
 * public unicast address: never loopback, private (RFC 1918), CGNAT (100.64/10,
 * where Alibaba Cloud's metadata service 100.100.100.200 lives), link-local
 * (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10),
 * IPv6 ULA (fc00::/7, AWS's fd00:ec2::254), unspecified, multicast, reserved or
 * documentation ranges, and none of these written as IPv4-mapped, IPv4-compatible,
 * NAT64, 6to4 or Teredo IPv6 addresses.
 *
 * The check resolves the name itself and hands back the address it checked;
 * the request then connects to exactly that address (see http-robot.ts), so a
 * DNS answer that changes between check and connect (DNS rebinding) changes
 * nothing. Nothing here opens a socket.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (tests pass a stub; production uses the system resolver). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver, as Node's own connections would use it (getaddrinfo: /etc/hosts, then DNS). */
export const systemHostResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

export interface OutboundAddressPolicy {
  /**
   * Loopback targets (and plain http to them) allowed: only for the test suite's
   * local robot sinks and local development, never in production (the config refuses it).
   */
  allowLoopback: boolean;
  /** When not empty, the only host names a robot URL may have (e.g. oapi.dingtalk.com, qyapi.weixin.qq.com). */
  hostAllowlist: readonly string[];
}

/** A URL that passed the check, with the one address the request must connect to. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Why a URL is refused; the reason is a sentence in English, shown as a field error or in a delivery error. */
export class OutboundAddressRefused extends Error {
  override name = 'OutboundAddressRefused';
}

/** Addresses people recognise, named in the refusal so the reason is plain. */
const METADATA_ADDRESSES = new Map([
  ['169.254.169.254', 'the cloud metadata service'],
  ['100.100.100.200', 'the Alibaba Cloud metadata service'],
  ['fd00:ec2::254', 'the AWS metadata service'],
]);

/**
 * What kind of address this is: 'public' for a routable unicast address, else
 * the name of the range that makes it off-limits (ipaddr.js's classification,
 * after unwrapping an IPv4-mapped IPv6 address to its IPv4 form).
 */
export function classifyAddress(address: string): string {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'invalid';
  }
  const range = parsed.range();
  if (range !== 'unicast') return range;
  // ::a.b.c.d (IPv4-compatible, deprecated) is "unicast" to ipaddr.js but names an IPv4 address in disguise.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return 'ipv4Compatible';
  return 'public';
}

/** The ranges in words, for the refusal. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local (fc00::/7) address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
};

function normalised(address: string): string {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return address;
  }
}

export class OutboundAddressGuard {
  private readonly allowlist: Set<string>;

  constructor(
    private readonly policy: OutboundAddressPolicy,
    private readonly resolve: HostResolver = systemHostResolver,
  ) {
    this.allowlist = new Set(policy.hostAllowlist.map((host) => host.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean));
  }

  /** Resolves and checks a robot webhook URL; throws OutboundAddressRefused with the reason. */
  async check(value: string): Promise<CheckedTarget> {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new OutboundAddressRefused('must be a webhook URL, e.g. https://oapi.dingtalk.com/robot/send?access_token=…');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.policy.allowLoopback)) {
      throw new OutboundAddressRefused('must start with https://');
    }
    if (url.username || url.password) throw new OutboundAddressRefused('must not carry a user name or password');
    // WHATWG URL parsing has already normalised 0x7f.1, 2130706433 and friends to dotted IPv4.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
    const literal = isIP(host) !== 0;
    const localTarget = this.policy.allowLoopback && (host === 'localhost' || (literal && classifyAddress(host) === 'loopback'));
    if (this.allowlist.size > 0 && !this.allowlist.has(host) && !localTarget) {
      throw new OutboundAddressRefused(`host ${host} is not in CHANNEL_HOST_ALLOWLIST (${[...this.allowlist].join(', ')})`);
    }
    const addresses = literal ? [{ address: host, family: isIP(host) as 4 | 6 }] : await this.lookup(host);

    // Every address must pass, not just the first: an attacker's name may resolve to a public and a private one.
    const kinds = addresses.map(({ address }) => classifyAddress(address));
    if (this.policy.allowLoopback && kinds.every((kind) => kind === 'loopback')) return { url, ...addresses[0] };
    const refused = kinds.findIndex((kind) => kind !== 'public');
    if (refused >= 0) {
      const { address } = addresses[refused];
      const what = METADATA_ADDRESSES.get(normalised(address)) ?? RANGE_NAMES[kinds[refused]] ?? `a reserved address (${kinds[refused]})`;
      const subject = literal ? `${host} is` : `${host} resolves to ${address},`;
      throw new OutboundAddressRefused(`must point at a public internet host; ${subject} ${what}`);
    }
    if (url.protocol !== 'https:') throw new OutboundAddressRefused('must start with https://');
    return { url, ...addresses[0] };
  }

  private async lookup(host: string): Promise<ResolvedAddress[]> {
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch (error) {
      const code = (error as { code?: string })?.code;
      throw new OutboundAddressRefused(`host ${host} does not resolve${code ? ` (${code})` : ''}`);
    }
    if (addresses.length === 0) throw new OutboundAddressRefused(`host ${host} does not resolve`);
    return addresses;
  }
}
