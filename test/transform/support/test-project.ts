import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createMemoryLogger, type LogEvent } from '../../../src/log/index.js';
import { runTransformTask, type TransformCommand, type TransformTaskOptions, type TransformTaskResult } from '../../../src/transform/index.js';
import { openWarehouse, SqlDecimal, type Warehouse } from '../../../src/warehouse/index.js';

const DEFAULT_PROJECT = `name: shop\nprofile: shop\nconfig-version: 2\n`;
const DEFAULT_PROFILES = `shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n      schema: main\n      threads: 4\n`;

/** Flags a test passes to a command. */
export type RunArgs = Partial<Omit<TransformTaskOptions, 'projectDir' | 'logger' | 'warehouse' | 'env'>> & { env?: Record<string, string> };

/** A throwaway dbt project on disk plus one in-memory DuckDB that every command of the test shares. */
export class TestProject {
  events: LogEvent[] = [];
  private constructor(readonly dir: string, readonly warehouse: Warehouse) {}

  /** Writes `files` (dbt_project.yml and profiles.yml get defaults) to a temp dir and opens an in-memory DuckDB (or `warehouse.duckdb` there with `file`). */
  static async create(files: Record<string, string>, o: { file?: boolean } = {}): Promise<TestProject> {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-dbt-'));
    const project = new TestProject(dir, await openWarehouse({ type: 'duckdb', path: o.file ? join(dir, 'warehouse.duckdb') : ':memory:' }));
    project.write({ 'dbt_project.yml': DEFAULT_PROJECT, 'profiles.yml': DEFAULT_PROFILES, ...files });
    return project;
  }

  /** Copies a project folder (e.g. a fixture) into a temp dir, with `overrides` written on top. */
  static async fromDir(dir: string, overrides: Record<string, string> = {}): Promise<TestProject> {
    const files: Record<string, string> = {};
    const visit = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const full = join(d, e.name);
        if (e.isDirectory() && e.name !== 'target') visit(full);
        else if (e.isFile()) files[relative(dir, full)] = readFileSync(full, 'utf8');
      }
    };
    visit(dir);
    return TestProject.create({ ...files, ...overrides });
  }

  /** Writes or replaces files of the project. */
  write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }

  /** Runs a command in-process against the shared warehouse. */
  async run(command: TransformCommand, args: RunArgs = {}): Promise<TransformTaskResult> {
    const logger = createMemoryLogger();
    const { env, ...rest } = args;
    try {
      return await runTransformTask(command, { projectDir: this.dir, logger, warehouse: this.warehouse, env: env ?? {}, ...rest });
    } finally {
      this.events = logger.events;
    }
  }

  /** Status per node name (`stg_orders: success`) of a result, for compact assertions. */
  static statuses(result: TransformTaskResult): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of result.results) out[result.project.manifest.nodes.get(r.uniqueId)?.name ?? r.uniqueId] = r.status;
    return out;
  }

  /** Rows of a query with numbers as JS numbers (bigint and decimals converted) for easy comparison. */
  async rows(sql: string): Promise<Array<Record<string, unknown>>> {
    const result = await this.warehouse.query(sql);
    return result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof SqlDecimal ? v.toNumber() : v])));
  }

  /** Closes the warehouse and removes the folder. */
  async close(): Promise<void> {
    await this.warehouse.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
