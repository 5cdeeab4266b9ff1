// Does: decides whether a client address may connect, from mercator.yml `serve.allow_ips` (IPv4 and IPv6 CIDRs).
// Does not: trust X-Forwarded-For (behind a proxy, allow the proxy's address).
import { BlockList, isIP } from 'node:net';

/** `null` admits everyone (no allowlist configured). */
export type IpAllowlist = ((address: string) => boolean) | null;

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, how a dual-stack socket reports IPv4 peers) as plain IPv4. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Builds the check from validated CIDR texts (`10.0.0.0/8`, `::1`, `2001:db8::/32`). */
export function ipAllowlist(cidrs: readonly string[] | undefined): IpAllowlist {
  if (cidrs === undefined) return null;
  const list = new BlockList();
  for (const text of cidrs) {
    const [address, prefix] = text.trim().split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    const ip = family === 'ipv4' ? address : normalizeAddress(address);
    if (isIP(ip) === 4 && family === 'ipv6') list.addSubnet(ip, prefix === undefined ? 32 : Math.max(0, Number(prefix) - 96), 'ipv4');
    else list.addSubnet(ip, prefix === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefix), family);
  }
  return (address: string) => {
    const ip = normalizeAddress(address);
    const family = isIP(ip);
    if (family === 0) return false;
    return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}
