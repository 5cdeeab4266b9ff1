// Does: expands a file path or glob (`*`, `?`, `**`) into the files it matches, with size and mtime.
// Does not: read file contents.
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/** A file found on disk. */
export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

const GLOB_CHARS = /[*?[]/;

/** Files matching `pattern` (absolute), sorted by path; a folder matches every file directly inside it. */
export function listFiles(pattern: string): FoundFile[] {
  if (!GLOB_CHARS.test(pattern)) {
    const stat = statOrNull(pattern);
    if (!stat) return [];
    if (stat.isDirectory()) return listFiles(join(pattern, '*'));
    return [{ path: pattern, size: stat.size, mtimeMs: stat.mtimeMs }];
  }
  const parts = pattern.split(sep);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const root = parts.slice(0, firstGlob).join(sep) || sep;
  const matcher = globToRegExp(parts.slice(firstGlob).join('/'));
  const found: FoundFile[] = [];
  walk(root, '', matcher, found);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(dir: string, rel: string, matcher: RegExp, found: FoundFile[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // a missing folder matches nothing; the caller reports an empty match
  }
  for (const name of entries) {
    const path = join(dir, name);
    const relPath = rel ? `${rel}/${name}` : name;
    const stat = statOrNull(path);
    if (!stat) continue;
    if (stat.isDirectory()) walk(path, relPath, matcher, found);
    else if (matcher.test(relPath)) found.push({ path, size: stat.size, mtimeMs: stat.mtimeMs });
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** `**` spans folders, `*` and `?` stay within one. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
