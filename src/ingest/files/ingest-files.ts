import type { Warehouse } from '../../warehouse/index.js';
import { runLoad } from '../loader/index.js';
import { silentReporter, type IngestSourceOptions, type IngestSourceOutcome } from '../stream-reporter.js';
import { planFilesLoads } from './extract.js';
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
        const result = await runLoad(warehouse, load, options.loadOptions);
        outcome.results.push(result);
        reporter.committed(result);
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      outcome.failures.push({ source: source.name, stream: stream.name, error });
      reporter.failed(source.name, stream.name, error);
    }
  }
  return outcome;
}
