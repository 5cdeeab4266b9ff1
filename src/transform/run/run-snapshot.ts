import { MercatorError } from '../../errors/index.js';
import type { ManifestNode } from '../project/node-types.js';
import type { RunContext } from './run-types.js';

/** Builds a snapshot (SCD2). */
export async function runSnapshot(_ctx: RunContext, node: ManifestNode): Promise<{ rows: number | null; message: string; sql: string }> {
  throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: node.uniqueId, detail: 'snapshots are not supported yet' });
}
