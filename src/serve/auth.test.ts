import { describe, expect, it } from 'vitest';
import { serveConfigSchema } from '../config/index.js';
import { hashPassword, readCookie, verifyPassword } from './auth.js';

describe('password hashes', () => {
  it('verify the password they were made from, and nothing else', async () => {
    const hash = await hashPassword('s3cret pass');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('s3cret pass', hash)).toBe(true);
    expect(await verifyPassword('s3cret pas', hash)).toBe(false);
    expect(await verifyPassword('s3cret pass', 'plain-text')).toBe(false);
    expect(await hashPassword('s3cret pass')).not.toBe(hash); // salted
    expect(serveConfigSchema.safeParse({ users: [{ username: 'ana', password_hash: hash }] }).success).toBe(true);
    expect(serveConfigSchema.safeParse({ users: [{ username: 'ana', password_hash: 'hunter2' }] }).success).toBe(false);
  });

  it('reads the session cookie among others', () => {
    expect(readCookie('a=1; mercator_session=abc%3D; b=2', 'mercator_session')).toBe('abc=');
    expect(readCookie(undefined, 'mercator_session')).toBeUndefined();
  });

  it('accepts only CIDRs in allow_ips', () => {
    expect(serveConfigSchema.safeParse({ allow_ips: ['10.0.0.0/8', '2001:db8::/32', '::1', '203.0.113.7'] }).success).toBe(true);
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', 'localhost', '10.0.0/8']) expect(serveConfigSchema.safeParse({ allow_ips: [bad] }).success, bad).toBe(false);
  });
});
