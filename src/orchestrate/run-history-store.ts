// Does: the SQL of the run history in schema `_mercator` (runs, run_nodes, test_results, source_freshness, alerts):
// creates the tables, inserts a run as running, and writes its nodes, tests, freshness and end in one transaction.
// Does not: decide what a row says (run-history.ts builds the rows). The Warehouse interface has no row-insert API,
// so the statements live here, in this one file, with every value bound as a parameter.
import type { LogicalType, Warehouse } from '../warehouse/index.js';
import type { AlertDelivery } from './run-alerts.js';
import type { RunNodeRow, RunRow, SourceFreshnessRow, TestResultRow } from './run-history.js';

/** The schema the platform keeps its metadata in. */
export const RUN_HISTORY_SCHEMA = '_mercator';

type Column = readonly [name: string, type: LogicalType];

const TABLES: Record<'runs' | 'run_nodes' | 'test_results' | 'source_freshness' | 'alerts', readonly Column[]> = {
  runs: [['run_id', 'string'], ['command', 'string'], ['status', 'string'], ['started_at', 'timestamptz'], ['finished_at', 'timestamptz'], ['error', 'string']],
  run_nodes: [['run_id', 'string'], ['node', 'string'], ['kind', 'string'], ['status', 'string'], ['rows', 'bigint'], ['started_at', 'timestamptz'], ['finished_at', 'timestamptz'], ['error', 'string']],
  test_results: [['run_id', 'string'], ['test_id', 'string'], ['test_name', 'string'], ['attached_node', 'string'], ['column_name', 'string'], ['status', 'string'], ['failures', 'bigint'], ['message', 'string'], ['finished_at', 'timestamptz']],
  source_freshness: [['run_id', 'string'], ['source', 'string'], ['table_name', 'string'], ['max_loaded_at', 'timestamptz'], ['checked_at', 'timestamptz'], ['age_seconds', 'double'], ['status', 'string']],
  alerts: [['run_id', 'string'], ['channel', 'string'], ['event', 'string'], ['status', 'string'], ['sent_at', 'timestamptz'], ['error', 'string']],
};

/** Rows bound per INSERT statement (DuckDB and PostgreSQL take far more parameters; this keeps statements short). */
const ROWS_PER_INSERT = 200;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const int = (n: number | null): bigint | null => (n === null ? null : BigInt(Math.round(n)));

/** Reads and writes the run history through one open warehouse. */
export class RunHistoryStore {
  constructor(private readonly warehouse: Warehouse) {}

  /** Creates `_mercator` and its tables when missing. */
  async ensureTables(): Promise<void> {
    const d = this.warehouse.dialect;
    await this.warehouse.ensureSchema(RUN_HISTORY_SCHEMA);
    for (const [table, columns] of Object.entries(TABLES)) {
      const cols = columns.map(([name, type]) => `${d.quoteIdentifier(name)} ${d.typeName(type)}`).join(', ');
      await this.warehouse.run(`CREATE TABLE IF NOT EXISTS ${this.table(table)} (${cols})`);
    }
  }

  /** Inserts the run as it starts (status `running`). */
  async startRun(run: RunRow): Promise<void> {
    await this.insert(this.warehouse, 'runs', [[run.runId, run.command, run.status, iso(run.startedAt), iso(run.finishedAt), run.error]]);
  }

  /** Writes what the run did and its end, all or nothing. */
  async finishRun(run: RunRow, nodes: readonly RunNodeRow[], tests: readonly TestResultRow[], freshness: readonly SourceFreshnessRow[]): Promise<void> {
    await this.warehouse.transaction(async (tx) => {
      await this.insert(tx, 'run_nodes', nodes.map((n) => [run.runId, n.node, n.kind, n.status, int(n.rows), iso(n.startedAt), iso(n.finishedAt), n.error]));
      await this.insert(tx, 'test_results', tests.map((t) => [run.runId, t.testId, t.testName, t.attachedNode, t.columnName, t.status, int(t.failures), t.message, iso(t.finishedAt)]));
      await this.insert(tx, 'source_freshness', freshness.map((f) => [run.runId, f.source, f.tableName, iso(f.maxLoadedAt), iso(f.checkedAt), f.ageSeconds, f.status]));
      await tx.run(`UPDATE ${this.table('runs')} SET status = $1, finished_at = CAST($2 AS ${tx.dialect.typeName('timestamptz')}), error = $3 WHERE run_id = $4`, [run.status, iso(run.finishedAt), run.error, run.runId]);
    });
  }

  /** Records how the run's alerts were delivered. */
  async recordAlerts(runId: string, deliveries: readonly AlertDelivery[]): Promise<void> {
    await this.insert(this.warehouse, 'alerts', deliveries.map((a) => [runId, a.channel, a.event, a.status, iso(a.sentAt), a.error]));
  }

  private table(name: string): string {
    return this.warehouse.dialect.relation({ schema: RUN_HISTORY_SCHEMA, name });
  }

  /** Multi-row INSERT with every value bound; timestamps travel as ISO text and are cast by the engine. */
  private async insert(wh: Warehouse, table: keyof typeof TABLES, rows: readonly (readonly unknown[])[]): Promise<void> {
    const columns = TABLES[table];
    const names = columns.map(([name]) => wh.dialect.quoteIdentifier(name)).join(', ');
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const slots = columns.map(([, type], i) => {
          params.push(row[i]);
          return `CAST($${params.length} AS ${wh.dialect.typeName(type)})`;
        });
        return `(${slots.join(', ')})`;
      });
      await wh.run(`INSERT INTO ${this.table(table)} (${names}) VALUES ${tuples.join(', ')}`, params);
    }
  }
}
