import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageProject } from './load-project.js';
import { findSnapshotBlocks } from './dbt-blocks.js';
import { fileFqn, newNode } from './new-node.js';
import type { ManifestNode } from './node-types.js';
import { walkFiles } from './walk-files.js';

const MACRO_FILE = /\{%-?\s*(test|macro)\s+\w+\s*\(/;

/** Models, seeds, snapshots and singular tests of one package, plus the test-path files that hold generic tests. */
export function collectFileNodes(pkg: PackageProject, warnings: string[] = []): { nodes: ManifestNode[]; testMacroFiles: Array<{ absolute: string; source: string }> } {
  const nodes: ManifestNode[] = [];
  for (const base of pkg.modelPaths) {
    for (const f of walkFiles(join(pkg.root, base), ['.py'])) warnings.push(`${base}/${f.relative}: Python models are not supported; skipped.`);
  }
  const testMacroFiles: Array<{ absolute: string; source: string }> = [];
  const rel = (base: string, file: string): string => `${base.replace(/\/$/, '')}/${file}`;
  for (const base of pkg.modelPaths) {
    for (const f of walkFiles(join(pkg.root, base), ['.sql'])) {
      const name = f.relative.replace(/^.*\//, '').replace(/\.sql$/, '');
      const raw = readFileSync(f.absolute, 'utf8');
      nodes.push(newNode({ resourceType: 'model', name, packageName: pkg.name, originalFilePath: rel(base, f.relative), absolutePath: f.absolute, path: f.relative, fqn: fileFqn(pkg.name, f.relative, name), rawCode: raw }));
    }
  }
  for (const base of pkg.seedPaths) {
    for (const f of walkFiles(join(pkg.root, base), ['.csv'])) {
      const name = f.relative.replace(/^.*\//, '').replace(/\.csv$/, '');
      const node = newNode({ resourceType: 'seed', name, packageName: pkg.name, originalFilePath: rel(base, f.relative), absolutePath: f.absolute, path: f.relative, fqn: fileFqn(pkg.name, f.relative, name), rawCode: '' });
      node.seedFile = f.absolute;
      nodes.push(node);
    }
  }
  for (const base of pkg.snapshotPaths) {
    for (const f of walkFiles(join(pkg.root, base), ['.sql'])) {
      const raw = readFileSync(f.absolute, 'utf8');
      for (const block of findSnapshotBlocks(raw)) {
        nodes.push(newNode({ resourceType: 'snapshot', name: block.name, packageName: pkg.name, originalFilePath: rel(base, f.relative), absolutePath: f.absolute, path: f.relative, fqn: fileFqn(pkg.name, f.relative, block.name), rawCode: block.body, lineOffset: block.line }));
      }
    }
  }
  for (const base of pkg.testPaths) {
    for (const f of walkFiles(join(pkg.root, base), ['.sql'])) {
      const raw = readFileSync(f.absolute, 'utf8');
      if (MACRO_FILE.test(raw)) {
        testMacroFiles.push({ absolute: f.absolute, source: raw });
        continue;
      }
      const name = f.relative.replace(/^.*\//, '').replace(/\.sql$/, '');
      nodes.push(newNode({ resourceType: 'test', name, packageName: pkg.name, originalFilePath: rel(base, f.relative), absolutePath: f.absolute, path: f.relative, fqn: fileFqn(pkg.name, f.relative, name), rawCode: raw }));
    }
  }
  return { nodes, testMacroFiles };
}
