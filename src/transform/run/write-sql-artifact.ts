import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestNode } from '../project/node-types.js';

/** Where a node's SQL goes under target/<kind>/, as dbt lays it out (tests from YAML under the YAML file's name). */
export function sqlArtifactPath(kind: 'compiled' | 'run', node: ManifestNode): string {
  const rel = node.testMetadata ? `${node.originalFilePath.replace(/\.ya?ml$/, '')}/${node.name}.sql` : node.originalFilePath.replace(/\.csv$/, '.sql');
  return `${kind}/${node.packageName}/${rel}`;
}

/** Writes a node's SQL to target/<kind>/<package>/<original path> (dbt's layout); no-op without a target dir. */
export function writeSqlArtifact(targetDir: string | null, kind: 'compiled' | 'run', node: ManifestNode, sql: string): string | null {
  if (!targetDir) return null;
  const file = join(targetDir, sqlArtifactPath(kind, node));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, sql.endsWith('\n') ? sql : `${sql}\n`);
  return file;
}
