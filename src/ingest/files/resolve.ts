// Does: turns a validated files source into absolute paths rooted at the project folder.
// Does not: list or read files (extract.ts does); files sources need no secrets.
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { FilesSourceConfig, FilesStreamConfig } from './config-schema.js';

/** A files stream ready to extract: absolute path pattern, format and disposition decided. */
export interface ResolvedFilesStream extends Omit<FilesStreamConfig, 'format' | 'write_disposition'> {
  name: string;
  format: 'csv' | 'json' | 'parquet';
  write_disposition: 'append' | 'replace' | 'merge';
  table: string;
}

/** A files source ready to extract. */
export interface ResolvedFilesSource {
  type: 'files';
  name: string;
  schema: string;
  streams: ResolvedFilesStream[];
}

/** Format implied by a file name or glob; csv when the extension says nothing. */
export function formatOfPath(path: string): 'csv' | 'json' | 'parquet' {
  const lower = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'json';
  if (lower.endsWith('.parquet')) return 'parquet';
  return 'csv';
}

/** Resolves paths against `projectDir` and fills format, disposition and table defaults. */
export function resolveFilesSource(name: string, config: FilesSourceConfig, projectDir: string): ResolvedFilesSource {
  const streams = Object.entries(config.streams).map(([stream, s]): ResolvedFilesStream => {
    const path = isAbsolute(s.path) ? s.path : resolvePath(projectDir, s.path);
    return {
      ...s,
      name: stream,
      path,
      format: s.format ?? formatOfPath(path),
      write_disposition: s.write_disposition ?? (s.landing ? 'append' : 'replace'),
      table: s.table ?? `${name}_${stream}`,
    };
  });
  return { type: 'files', name, schema: config.schema, streams };
}
