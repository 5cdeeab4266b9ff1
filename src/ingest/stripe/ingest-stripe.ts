import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import type { Warehouse } from '../../warehouse/index.js';
import { readCursor, runLoad, type LoadRequest } from '../loader/index.js';
import { silentReporter, type IngestSourceOptions, type IngestSourceOutcome } from '../stream-reporter.js';
import { extractStripeStream, type StripeExtract } from './extract.js';
import type { ResolvedStripeSource, StripeStream } from './resolve.js';
import { StripeRequester } from './stripe-requester.js';
import { INDEX_COLUMN, PARENT_ID_COLUMN } from './type-mapping.js';

/**
 * Loads each selected Stripe object type: child tables first, then the objects with their cursor, so
 * the cursor only moves once everything below it is in. Objects merge on `id`, child rows on
 * (parent id, position). The next type is extracted while the previous one loads.
 */
export async function ingestStripeSource(warehouse: Warehouse, source: ResolvedStripeSource, options: IngestSourceOptions = {}): Promise<IngestSourceOutcome> {
  const reporter = options.reporter ?? silentReporter;
  const outcome: IngestSourceOutcome = { results: [], failures: [] };
  const client = new Stripe(source.apiKey, {
    maxNetworkRetries: 0, // retries are ours: they also cover plain 429s and honour Retry-After
    ...(source.host === undefined ? {} : { host: source.host }),
    ...(source.port === undefined ? {} : { port: source.port }),
    ...(source.protocol === undefined ? {} : { protocol: source.protocol }),
  });
  const requester = new StripeRequester({ maxRetries: source.maxRetries, maxRequestsPerSecond: source.maxRequestsPerSecond });
  const workDir = mkdtempSync(join(tmpdir(), `mercator-${source.name}-`));
  const selected = source.streams.filter((stream) => !options.streams || options.streams.includes(stream));
  const extractNext = (stream: StripeStream): Promise<{ before: string | null; extract: StripeExtract }> => {
    reporter.started(source.name, stream);
    const running = (async () => {
      const before = options.fullRefresh ? null : await readCursor(warehouse, source.name, stream);
      const extract = await extractStripeStream(client, requester, source, stream, before, workDir, (n) => reporter.progress(source.name, stream, n, 0));
      return { before, extract };
    })();
    // Awaited in stream order below, which raises its failure; until then it must not count as unhandled.
    running.catch(() => undefined);
    return running;
  };
  try {
    let next = selected[0] === undefined ? undefined : extractNext(selected[0]);
    for (let i = 0; i < selected.length; i++) {
      const stream = selected[i]!;
      const extracting = next!;
      try {
        let extracted: { before: string | null; extract: StripeExtract };
        try {
          extracted = await extracting;
        } finally {
          // The next stream is listed while this one loads: the load runs on the warehouse's threads and
          // leaves the JS thread idle. Loads (and so cursors) still commit in stream order.
          const following = selected[i + 1];
          next = following === undefined ? undefined : extractNext(following);
        }
        const { before, extract } = extracted;
        if (extract.objects === 0) continue;
        const json = (file: string): string => warehouse.dialect.fileReader({ files: [file], format: 'json', options: { format: 'newline_delimited' } });
        const disposition = options.fullRefresh ? 'replace' : 'merge';
        for (const [name, child] of Object.entries(extract.children)) {
          const load: LoadRequest = {
            source: source.name, stream: `${stream}__${name}`, target: { schema: source.schema, name: `${source.name}_${stream}__${name}` },
            disposition, primaryKey: [PARENT_ID_COLUMN, INDEX_COLUMN], keysUnique: true, input: { from: json(child.file) },
          };
          const result = await runLoad(warehouse, load, options.loadOptions);
          outcome.results.push(result);
          reporter.committed(result);
        }
        const result = await runLoad(warehouse, {
          source: source.name, stream, target: { schema: source.schema, name: `${source.name}_${stream}` },
          disposition, primaryKey: ['id'], keysUnique: true, input: { from: json(extract.file) },
          cursor: { before, after: extract.cursorAfter }, resetState: Boolean(options.fullRefresh),
        }, options.loadOptions);
        outcome.results.push(result);
        reporter.committed(result);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        outcome.failures.push({ source: source.name, stream, error });
        reporter.failed(source.name, stream, error);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return outcome;
}
