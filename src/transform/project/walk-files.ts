import { readdirSync } from 'node:fs';

// The same order as String#localeCompare (ICU's default collation), without building a collator per comparison.
const collator = new Intl.Collator();

interface Listed {
  absolute: string;
  relative: string;
  name: string;
}

// Listings kept while one parse runs (withWalkCache): a project's model folder is walked for .sql, .py, .yml
// and .md files, and listing 10,000 files four times cost more than reading them.
let cache: Map<string, Listed[]> | null = null;

/** Runs `fn` with directory listings shared between its walkFiles calls (files are not expected to change meanwhile). */
export function withWalkCache<T>(fn: () => T): T {
  const outer = cache;
  cache ??= new Map();
  try {
    return fn();
  } finally {
    cache = outer;
  }
}

/** Every file under `dir` (dot entries skipped), depth first, each folder's entries sorted. */
function listAll(dir: string): Listed[] {
  const hit = cache?.get(dir);
  if (hit) return hit;
  const out: Listed[] = [];
  const visit = (current: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (err) {
      if (prefix === '' && (err as NodeJS.ErrnoException).code === 'ENOENT') return; // a missing dir has no files
      throw err;
    }
    for (const entry of entries.sort((a, b) => collator.compare(a.name, b.name))) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      const full = `${current}/${name}`;
      if (entry.isDirectory()) visit(full, `${prefix}${name}/`);
      else out.push({ absolute: full, relative: `${prefix}${name}`, name });
    }
  };
  visit(dir.replace(/[\\/]+$/, '') || dir, '');
  cache?.set(dir, out);
  return out;
}

/** Files under `dir` ending in one of `extensions`, sorted, as { absolute, relative (forward slashes) }. Missing dir → []. */
export function walkFiles(dir: string, extensions: readonly string[]): Array<{ absolute: string; relative: string }> {
  const out: Array<{ absolute: string; relative: string }> = [];
  for (const f of listAll(dir)) if (extensions.some((e) => f.name.endsWith(e))) out.push({ absolute: f.absolute, relative: f.relative });
  return out;
}
