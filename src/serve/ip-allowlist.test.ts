import { describe, expect, it } from 'vitest';
import { ipAllowlist } from './ip-allowlist.js';

describe('ipAllowlist', () => {
  it('admits everyone when no allowlist is configured', () => {
    expect(ipAllowlist(undefined)).toBeNull();
  });

  it('matches IPv4 networks and single addresses, also as IPv4-mapped IPv6 peers', () => {
    const allowed = ipAllowlist(['10.0.0.0/8', '192.168.1.7'])!;
    expect(allowed('10.200.3.4')).toBe(true);
    expect(allowed('::ffff:10.1.2.3')).toBe(true);
    expect(allowed('11.0.0.1')).toBe(false);
    expect(allowed('192.168.1.7')).toBe(true);
    expect(allowed('192.168.1.8')).toBe(false);
    expect(allowed('not an address')).toBe(false);
  });

  it('matches IPv6 networks and addresses', () => {
    const allowed = ipAllowlist(['2001:db8::/32', '::1'])!;
    expect(allowed('2001:db8:ffff::1')).toBe(true);
    expect(allowed('2001:db9::1')).toBe(false);
    expect(allowed('::1')).toBe(true);
    expect(allowed('127.0.0.1')).toBe(false);
  });

  it('reads an IPv4-mapped network as the IPv4 network', () => {
    const allowed = ipAllowlist(['::ffff:10.0.0.0/104'])!;
    expect(allowed('10.9.9.9')).toBe(true);
    expect(allowed('11.0.0.1')).toBe(false);
  });
});
