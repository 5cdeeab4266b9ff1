import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { MercatorError } from '../../errors/index.js';
import { loadProjectTree } from '../project/load-project.js';

/** `clean`: deletes the project's clean-targets (default: the target path); refuses paths outside the project. */
export function cleanProject(projectDir: string): string[] {
  const tree = loadProjectTree(projectDir);
  const targets = tree.root.file['clean-targets'] ?? [tree.root.file['target-path'] ?? 'target'];
  const removed: string[] = [];
  for (const t of targets) {
    const full = resolve(tree.root.root, t);
    const rel = relative(tree.root.root, full);
    if (rel === '' || rel.startsWith('..')) throw new MercatorError('CLI_USAGE', { detail: `clean-targets entry \`${t}\` is not inside the project` });
    rmSync(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}
