import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestNode } from '../project/node-types.js';

/** Writes a node's SQL to target/<kind>/<package>/<original path> (dbt's layout); no-op without a target dir. */
export function writeSqlArtifact(targetDir: string | null, kind: 'compiled' | 'run', node: ManifestNode, sql: string): string | null {
  if (!targetDir) return null;
  const rel = node.testMetadata ? `${node.originalFilePath.replace(/\.ya?ml$/, '')}/${node.name}.sql` : node.originalFilePath.replace(/\.csv$/, '.sql');
  const file = join(targetDir, kind, node.packageName, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, sql.endsWith('\n') ? sql : `${sql}\n`);
  return file;
}
