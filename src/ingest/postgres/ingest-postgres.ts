import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/index.js';
import { runLoad } from '../loader/index.js';
import { silentReporter, type IngestSourceOptions, type IngestSourceOutcome } from '../stream-reporter.js';
import { connectPostgres } from './connect-postgres.js';
import { extractPostgresStream } from './extract.js';
import type { ResolvedPostgresSource } from './resolve.js';

/**
 * Loads every selected table of a postgres source, one snapshot and one load per table; a failing
 * table is reported and the others still load. An unreachable server or bad credentials throw.
 */
export async function ingestPostgresSource(warehouse: Warehouse, source: ResolvedPostgresSource, options: IngestSourceOptions = {}): Promise<IngestSourceOutcome> {
  const reporter = options.reporter ?? silentReporter;
  const outcome: IngestSourceOutcome = { results: [], failures: [] };
  const client = await connectPostgres(source);
  const workDir = mkdtempSync(join(tmpdir(), `mercator-${source.name}-`));
  try {
    for (const stream of source.streams) {
      if (options.streams && !options.streams.includes(stream.name)) continue;
      reporter.started(source.name, stream.name);
      try {
        const extract = await extractPostgresStream(warehouse, client, source, stream, {
          workDir,
          connect: () => connectPostgres(source),
          fullRefresh: Boolean(options.fullRefresh),
          // The header line is not a row.
          onProgress: (p) => reporter.progress(source.name, stream.name, Math.max(0, p.lines - 1), p.bytes),
        });
        try {
          const result = await runLoad(warehouse, extract.load, options.loadOptions);
          outcome.results.push(result);
          reporter.committed(result);
        } finally {
          for (const file of extract.files) rmSync(file, { force: true });
        }
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        outcome.failures.push({ source: source.name, stream: stream.name, error });
        reporter.failed(source.name, stream.name, error);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await client.end().catch(() => undefined); // closing after the work is done; nothing left to lose
  }
  return outcome;
}
