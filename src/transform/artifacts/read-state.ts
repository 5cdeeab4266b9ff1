import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MercatorError } from '../../errors/index.js';

/** Reads the nodes of a previous manifest.json (for `state:` selectors): checksum and config per id. */
export function readStateManifest(dir: string): Map<string, { checksum: string; config: Record<string, unknown> }> {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new MercatorError('CONFIG_FILE_MISSING', { file });
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { nodes?: Record<string, { checksum?: { checksum?: string }; config?: Record<string, unknown> }>; sources?: Record<string, unknown> };
  const out = new Map<string, { checksum: string; config: Record<string, unknown> }>();
  for (const [id, n] of Object.entries(doc.nodes ?? {})) out.set(id, { checksum: n.checksum?.checksum ?? '', config: n.config ?? {} });
  for (const id of Object.keys(doc.sources ?? {})) out.set(id, { checksum: '', config: {} });
  return out;
}
