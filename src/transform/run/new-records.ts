// Does: the `new_records_only` data test config: which incremental models must keep the rows a run wrote, where those
// rows are while the run's tests read them, and dropping them when the run ends.
// Does not: build models (materialize-incremental.ts) or render tests (compile-node.ts reads `newRowsFor`).
import { MercatorError } from '../../errors/index.js';
import type { Logger } from '../../log/index.js';
import type { RelationName, Warehouse } from '../../warehouse/warehouse.js';
import type { Manifest, ManifestNode } from '../project/node-types.js';

/** The test config; the name follows dbt's proposal for the same feature (dbt-core #10877). */
const NEW_RECORDS_ONLY = 'new_records_only';

/**
 * Rows written by incremental models in one build. A generic test configured `new_records_only: true` reads the
 * rows its model merged or appended in this run instead of the whole table; when the model was not built
 * incrementally in this run (first build, full refresh, `mercator test`), the test reads the whole table.
 */
export class NewRecords {
  private readonly kept = new Map<string, RelationName>();

  private constructor(private readonly wanted: ReadonlySet<string>) {}

  /**
   * Models (ids) tested by a selected generic test with `new_records_only: true`; null when there are none.
   * A value other than true or false is a TRANSFORM_CONFIG_INVALID naming the test and its file.
   */
  static forRun(manifest: Manifest, selected: readonly string[]): NewRecords | null {
    const wanted = new Set<string>();
    for (const id of selected) {
      const node = manifest.nodes.get(id);
      if (node?.resourceType !== 'test') continue;
      const value = node.config[NEW_RECORDS_ONLY];
      if (value !== undefined && value !== null && typeof value !== 'boolean') {
        throw new MercatorError('TRANSFORM_CONFIG_INVALID', { node: id, file: node.originalFilePath, key: NEW_RECORDS_ONLY, expected: 'true or false', value: JSON.stringify(value) }, { location: { file: node.originalFilePath, node: id } });
      }
      const attached = node.testMetadata?.attachedNode;
      if (attached && value === true) wanted.add(attached);
    }
    return wanted.size > 0 ? new NewRecords(wanted) : null;
  }

  /** The rows a test reads instead of its model's table: set when it is configured `new_records_only` and its model kept the rows it wrote in this run. */
  newRowsFor(test: ManifestNode): RelationName | undefined {
    const attached = test.testMetadata?.attachedNode;
    return test.config[NEW_RECORDS_ONLY] === true && attached ? this.kept.get(attached) : undefined;
  }

  /** True when a selected test of `modelId` reads only its new rows, so the build must keep them. */
  wants(modelId: string): boolean {
    return this.wanted.has(modelId);
  }

  /** Records that `relation` holds the rows `modelId` wrote in this run. */
  keep(modelId: string, relation: RelationName): void {
    this.kept.set(modelId, relation);
  }

  /** Drops every kept relation; a failed drop is logged, not raised (the next build of the model replaces it). */
  async dropAll(warehouse: Warehouse, logger: Logger): Promise<void> {
    for (const [id, relation] of this.kept) {
      try {
        await warehouse.run(warehouse.dialect.dropRelation(relation, 'table'));
      } catch (err) {
        logger.emit({ type: 'NewRecordsDropFailed', level: 'warn', message: `could not drop ${warehouse.dialect.relation(relation)}, the new rows of ${id}: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    this.kept.clear();
  }
}
