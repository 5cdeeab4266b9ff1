// Does: serves the built client's files (dist/web/assets) with long cache headers, never outside its folder.
// Does not: build the client (Vite does, into dist/web).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The package's dist/web folder, found from this file (src/serve or dist/serve) up to package.json. */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/** A file below `root` for a URL path, or null (missing, a folder, or outside root after decoding). */
export function resolveStatic(root: string, urlPath: string): { file: string; type: string; size: number } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, '.' + normalize('/' + decoded));
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return null;
    return { file, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', size: stat.size };
  } catch {
    return null;
  }
}

/** Reads a resolved static file. */
export function readStatic(file: string): Buffer {
  return readFileSync(file);
}
