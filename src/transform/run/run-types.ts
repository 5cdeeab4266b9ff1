import type { Logger } from '../../log/index.js';
import type { RelationName, Warehouse } from '../../warehouse/warehouse.js';
import type { ParsedProject } from '../project/parse-project.js';
import type { NewRecords } from './new-records.js';

/** Outcome of one node, in dbt's words (`success`/`error` for builds, `pass`/`warn`/`fail` for tests). */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'warn' | 'fail';

/** One node's result, as run_results.json records it. */
export interface NodeResult {
  uniqueId: string;
  status: NodeStatus;
  message: string;
  rowsAffected: number | null;
  failures: number | null;
  executionTime: number;
  compiledSql?: string;
  error?: unknown;
}

/** What running nodes needs: the parsed project, the warehouse, flags and where artifacts go. */
export interface RunContext {
  project: ParsedProject;
  warehouse: Warehouse;
  logger: Logger;
  fullRefresh: boolean;
  /** Absolute target/ folder; compiled and run SQL are written under it (null: write nothing). */
  targetDir: string | null;
  /** --defer: relations of a previous run for parents that are not selected and not built here. */
  defer?: { relations: ReadonlyMap<string, RelationName>; selected: ReadonlySet<string> };
  /** Rows incremental models wrote in this run, for tests configured `new_records_only` (absent: no such test runs). */
  newRecords?: NewRecords;
}
