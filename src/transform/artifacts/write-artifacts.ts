import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedProject } from '../project/parse-project.js';
import type { NodeResult } from '../run/run-types.js';
import { manifestJson } from './manifest-json.js';

const replacer = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

/** JSON text of `doc`; bigints (from the database) as strings. A replacer is called for every key, so it runs only when a bigint is there. */
function toJson(doc: unknown, indent?: number): string {
  try {
    return JSON.stringify(doc, null, indent);
  } catch (err) {
    if (err instanceof TypeError && /BigInt/i.test(err.message)) return JSON.stringify(doc, replacer, indent);
    throw err;
  }
}

/** Writes target/manifest.json. */
export function writeManifestJson(targetDir: string, project: ParsedProject): void {
  mkdirSync(targetDir, { recursive: true });
  writeFileSync(join(targetDir, 'manifest.json'), toJson(manifestJson(project)));
}

/** Writes target/run_results.json in dbt's shape. */
export function writeRunResultsJson(targetDir: string, project: ParsedProject, results: readonly NodeResult[], elapsed: number, command: string): void {
  mkdirSync(targetDir, { recursive: true });
  const doc = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.9.0', generated_at: new Date().toISOString(), invocation_id: project.runtime.invocationId },
    results: results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      message: r.message,
      failures: r.failures,
      execution_time: r.executionTime,
      adapter_response: r.rowsAffected === null ? {} : { rows_affected: r.rowsAffected },
      compiled_code: r.compiledSql,
      thread_id: 'Thread-1',
      timing: [],
    })),
    elapsed_time: elapsed,
    args: { which: command },
  };
  writeFileSync(join(targetDir, 'run_results.json'), toJson(doc, 2));
}
