import type { Warehouse } from '../../warehouse/index.js';
import { isMercatorError } from '../../errors/index.js';
import { runLoad, type LoadResult } from '../loader/index.js';
import { silentReporter, type IngestSourceOptions, type IngestSourceOutcome } from '../stream-reporter.js';
import { planFilesLoads, type FilesLoad } from './extract.js';
import type { ResolvedFilesSource } from './resolve.js';

/** Loads every selected stream of a files source; a failing stream is reported and the others still load. */
export async function ingestFilesSource(warehouse: Warehouse, source: ResolvedFilesSource, options: IngestSourceOptions = {}): Promise<IngestSourceOutcome> {
  const reporter = options.reporter ?? silentReporter;
  const outcome: IngestSourceOutcome = { results: [], failures: [] };
  for (const stream of source.streams) {
    if (options.streams && !options.streams.includes(stream.name)) continue;
    reporter.started(source.name, stream.name);
    try {
      const loads = await planFilesLoads(warehouse, source, stream, { fullRefresh: Boolean(options.fullRefresh) });
      for (const load of loads) {
        for (const result of await runFilesLoad(warehouse, load, options)) {
          outcome.results.push(result);
          reporter.committed(result);
        }
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      outcome.failures.push({ source: source.name, stream: stream.name, error });
      reporter.failed(source.name, stream.name, error);
    }
  }
  return outcome;
}

/**
 * Runs one planned load. A landing batch whose load fails because one file is unreadable as a whole is
 * retried one file per load: the files before the bad one commit and the failure names the bad file.
 */
async function runFilesLoad(warehouse: Warehouse, load: FilesLoad, options: IngestSourceOptions): Promise<LoadResult[]> {
  try {
    return [await runLoad(warehouse, load, options.loadOptions)];
  } catch (err) {
    if (!load.perFile || !isMercatorError(err, 'INGEST_FILE_UNREADABLE')) throw err;
  }
  const results: LoadResult[] = [];
  for (const single of load.perFile()) results.push(await runLoad(warehouse, single, options.loadOptions));
  return results;
}
