// Does: password hashes (scrypt from node:crypto, `scrypt$N$r$p$salt$hash`), their constant-time check, and
// in-memory login sessions carried by an HttpOnly cookie.
// Does not: store users (mercator.yml `serve.users` does) or persist sessions (a restart logs everyone out).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCallback(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** Hashes a password for mercator.yml `serve.users[].password_hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches `hash` (a hash hashPassword printed); false for any malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!Number.isInteger(n) || expected.length === 0) return false;
  const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(key, expected);
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'mercator_session';

/** Logged-in sessions by random token. */
export class SessionStore {
  private readonly sessions = new Map<string, { username: string; expires: number }>();

  constructor(private readonly ttlMs: number) {}

  /** Starts a session and returns its token. */
  create(username: string): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { username, expires: Date.now() + this.ttlMs });
    return token;
  }

  /** The user of a live session, else null (expired sessions are dropped). */
  user(token: string | undefined): string | null {
    if (token === undefined) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (session.expires < Date.now()) {
      this.sessions.delete(token);
      return null;
    }
    return session.username;
  }

  /** Ends a session. */
  delete(token: string | undefined): void {
    if (token !== undefined) this.sessions.delete(token);
  }
}

/** Cookie value of `name` in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
