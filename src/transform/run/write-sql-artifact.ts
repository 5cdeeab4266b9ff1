import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ManifestNode } from '../project/node-types.js';

/** Where a node's SQL goes under target/<kind>/, as dbt lays it out (tests from YAML under the YAML file's name). */
export function sqlArtifactPath(kind: 'compiled' | 'run', node: ManifestNode): string {
  const rel = node.testMetadata ? `${node.originalFilePath.replace(/\.ya?ml$/, '')}/${node.name}.sql` : node.originalFilePath.replace(/\.csv$/, '.sql');
  return `${kind}/${node.packageName}/${rel}`;
}

// Writes in flight per target dir. Thousands of small synchronous writes dominated compile time, so
// they run in the background and the task awaits them (flushSqlArtifacts) before it returns.
const pending = new Map<string, { dirs: Map<string, Promise<unknown>>; writes: Promise<void>[]; errors: unknown[] }>();

/** Starts writing a node's SQL to target/<kind>/<package>/<original path> (dbt's layout); no-op without a target dir. Returns the file path; the write completes by flushSqlArtifacts. */
export function writeSqlArtifact(targetDir: string | null, kind: 'compiled' | 'run', node: ManifestNode, sql: string): string | null {
  if (!targetDir) return null;
  const file = join(targetDir, sqlArtifactPath(kind, node));
  let run = pending.get(targetDir);
  if (!run) pending.set(targetDir, (run = { dirs: new Map(), writes: [], errors: [] }));
  const dir = dirname(file);
  let made = run.dirs.get(dir);
  if (!made) run.dirs.set(dir, (made = mkdir(dir, { recursive: true })));
  const errors = run.errors;
  // Failures are collected here (not left as unhandled rejections) and raised by flushSqlArtifacts.
  const write = made.then(() => writeFile(file, sql.endsWith('\n') ? sql : `${sql}\n`));
  run.writes.push(write.catch((err: unknown) => void errors.push(err)));
  return file;
}

/** Waits until every SQL artifact started under targetDir is on disk; rejects with the first failed write. */
export async function flushSqlArtifacts(targetDir: string | null): Promise<void> {
  if (!targetDir) return;
  const run = pending.get(targetDir);
  if (!run) return;
  pending.delete(targetDir);
  await Promise.all(run.writes);
  if (run.errors.length > 0) throw run.errors[0];
}
