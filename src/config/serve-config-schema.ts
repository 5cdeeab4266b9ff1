// Does: the zod schema of mercator.yml `serve:` (dashboard users, IP allowlist, refresh interval).
// Does not: hash passwords or check addresses (src/serve does).
import { isIP } from 'node:net';
import { z } from 'zod';

/** `10.0.0.0/8`, `203.0.113.7`, `2001:db8::/32`, `::1`: an address or network, IPv4 or IPv6. */
const cidr = z.string().refine((text) => {
  const [address, prefix, ...rest] = text.trim().split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}, 'expected an IPv4 or IPv6 address or CIDR network, e.g. 10.0.0.0/8 or 2001:db8::/32');

/** `serve:`: who may use the dashboard server and how often pages refresh their data. */
export const serveConfigSchema = z.strictObject({
  /** When set, pages and the API need a login; hashes come from `mercator serve hash-password`. */
  users: z
    .array(z.strictObject({ username: z.string().min(1), password_hash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'expected a hash printed by `mercator serve hash-password`') }))
    .optional(),
  /** When set, only these addresses or networks may connect (others get 403). */
  allow_ips: z.array(cidr).optional(),
  /** How often the pages fetch fresh data, in seconds (default: `dashboards.refresh_seconds`, else 300). */
  refresh_seconds: z.number().int().min(5).optional(),
  /** How long a login lasts, in hours. */
  session_hours: z.number().positive().default(12),
});

/** A validated `serve:` section. */
export type ServeConfig = z.output<typeof serveConfigSchema>;
