import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// The same order as String#localeCompare (ICU's default collation), without building a collator per comparison.
const collator = new Intl.Collator();

/** Files under `dir` ending in one of `extensions`, sorted, as { absolute, relative (forward slashes) }. Missing dir → []. */
export function walkFiles(dir: string, extensions: readonly string[]): Array<{ absolute: string; relative: string }> {
  if (!existsSync(dir)) return [];
  const out: Array<{ absolute: string; relative: string }> = [];
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => collator.compare(a.name, b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (extensions.some((e) => entry.name.endsWith(e))) out.push({ absolute: full, relative: relative(dir, full).split(sep).join('/') });
    }
  };
  visit(dir);
  return out;
}
