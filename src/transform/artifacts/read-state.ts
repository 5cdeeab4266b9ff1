import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MercatorError } from '../../errors/index.js';

/** A node of a previous manifest: what `state:` compares and where `--defer` finds its relation. */
export interface StateNode {
  checksum: string;
  config: Record<string, unknown>;
  relation?: { database?: string; schema: string; name: string };
}

/** Reads the nodes of a previous manifest.json (for `state:` selectors and --defer): checksum, config and relation per id. */
export function readStateManifest(dir: string): Map<string, StateNode> {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new MercatorError('CONFIG_FILE_MISSING', { file });
  type Raw = { checksum?: { checksum?: string }; config?: Record<string, unknown>; database?: string | null; schema?: string; alias?: string };
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { nodes?: Record<string, Raw>; sources?: Record<string, unknown> };
  const out = new Map<string, StateNode>();
  for (const [id, n] of Object.entries(doc.nodes ?? {})) {
    const relation = n.schema && n.alias ? { ...(n.database ? { database: n.database } : {}), schema: n.schema, name: n.alias } : undefined;
    out.set(id, { checksum: n.checksum?.checksum ?? '', config: n.config ?? {}, relation });
  }
  for (const id of Object.keys(doc.sources ?? {})) out.set(id, { checksum: '', config: {} });
  return out;
}
