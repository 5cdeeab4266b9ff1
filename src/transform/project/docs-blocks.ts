import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageProject } from './load-project.js';
import type { Manifest } from './node-types.js';
import { walkFiles } from './walk-files.js';

const DOCS_BLOCK = /\{%-?\s*docs\s+(\w+)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g;
const DOC_CALL = /\{\{\s*doc\(\s*['"]([\w.]+)['"]\s*(?:,\s*['"]([\w.]+)['"]\s*)?\)\s*\}\}/g;

/** `{% docs name %}` blocks of a package's .md files (docs-paths, else every resource path), by name. */
export function readDocsBlocks(pkg: PackageProject): Map<string, string> {
  const paths = pkg.file['docs-paths'] ?? [...new Set([...pkg.modelPaths, ...pkg.seedPaths, ...pkg.snapshotPaths, ...pkg.macroPaths, ...pkg.testPaths])];
  const out = new Map<string, string>();
  for (const base of paths) {
    for (const f of walkFiles(join(pkg.root, base), ['.md'])) {
      for (const m of readFileSync(f.absolute, 'utf8').matchAll(DOCS_BLOCK)) out.set(m[1]!, m[2]!.trim());
    }
  }
  return out;
}

/** Replaces `{{ doc('name') }}` in node, source and column descriptions with the docs block's text. */
export function applyDocsBlocks(manifest: Manifest, docs: ReadonlyMap<string, string>): void {
  const render = (text: string): string => (text.includes('doc(') ? text.replace(DOC_CALL, (whole, a: string, b: string | undefined) => docs.get(b ?? a) ?? whole) : text);
  for (const node of [...manifest.nodes.values(), ...manifest.sources.values()]) {
    node.description = render(node.description);
    for (const col of Object.values(node.columns)) col.description = render(col.description);
  }
}
