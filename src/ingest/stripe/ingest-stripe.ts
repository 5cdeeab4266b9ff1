import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogicalType, Warehouse } from '../../warehouse/index.js';
import { readCursor, runLoad, type LoadRequest } from '../loader/index.js';
import { silentReporter, type IngestSourceOptions, type IngestSourceOutcome } from '../stream-reporter.js';
import { extractStripeStream, type StripeExtract } from './extract.js';
import { extractInWorker, extractWorkerAvailable } from './extract-in-worker.js';
import type { ResolvedStripeSource, StripeStream } from './resolve.js';
import { stripeClient } from './stripe-client.js';
import { StripeRequester } from './stripe-requester.js';
import { INDEX_COLUMN, PARENT_ID_COLUMN } from './type-mapping.js';

/**
 * Loads each selected Stripe object type: child tables first, then the objects with their cursor, so
 * the cursor only moves once everything below it is in. Objects merge on `id`, child rows on
 * (parent id, position). As built JavaScript every type is extracted at once, each in its own worker
 * thread with an equal share of the request rate; from sources the next type is extracted in-thread
 * while the previous one loads. With workers a type loads as soon as it is listed; in-thread, in stream order.
 */
export async function ingestStripeSource(warehouse: Warehouse, source: ResolvedStripeSource, options: IngestSourceOptions = {}): Promise<IngestSourceOutcome> {
  const reporter = options.reporter ?? silentReporter;
  const outcome: IngestSourceOutcome = { results: [], failures: [] };
  const workDir = mkdtempSync(join(tmpdir(), `mercator-${source.name}-`));
  const selected = source.streams.filter((stream) => !options.streams || options.streams.includes(stream));
  const inWorkers = extractWorkerAvailable() && selected.length > 1;
  const client = inWorkers ? undefined : stripeClient(source);
  const requester = inWorkers ? undefined : new StripeRequester({ maxRetries: source.maxRetries, maxRequestsPerSecond: source.maxRequestsPerSecond });
  const stops: (() => Promise<void>)[] = [];
  const extractNext = (stream: StripeStream): Promise<{ before: string | null; extract: StripeExtract }> => {
    reporter.started(source.name, stream);
    const progress = (n: number): void => reporter.progress(source.name, stream, n, 0);
    const running = (async () => {
      const before = options.fullRefresh ? null : await readCursor(warehouse, source.name, stream);
      if (!inWorkers) return { before, extract: await extractStripeStream(client!, requester!, source, stream, before, workDir, progress) };
      const worker = extractInWorker({ source, stream, before, workDir, maxRequestsPerSecond: source.maxRequestsPerSecond / selected.length }, progress);
      stops.push(worker.stop);
      return { before, extract: await worker.result };
    })();
    // Awaited in stream order below, which raises its failure; until then it must not count as unhandled.
    running.catch(() => undefined);
    return running;
  };
  /** Loads one extracted type: its child tables, then the objects with their cursor. */
  const load = async (stream: StripeStream, extracting: Promise<{ before: string | null; extract: StripeExtract }>): Promise<void> => {
    try {
      const { before, extract } = await extracting;
      if (extract.objects === 0) return;
      // The columns are typed from every row the extraction wrote: the reader neither samples the file first
      // nor misses a field that only later rows have.
      const json = (file: string, columns: Record<string, LogicalType>): string => warehouse.dialect.fileReader({
        files: [file], format: 'json',
        options: { format: 'newline_delimited', columns: Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, warehouse.dialect.typeName(type)])) },
      });
      const disposition = options.fullRefresh ? 'replace' : 'merge';
      for (const [name, child] of Object.entries(extract.children)) {
        const childLoad: LoadRequest = {
          source: source.name, stream: `${stream}__${name}`, target: { schema: source.schema, name: `${source.name}_${stream}__${name}` },
          disposition, primaryKey: [PARENT_ID_COLUMN, INDEX_COLUMN], keysUnique: true, input: { from: json(child.file, child.columns) },
        };
        const result = await runLoad(warehouse, childLoad, options.loadOptions);
        outcome.results.push(result);
        reporter.committed(result);
      }
      const result = await runLoad(warehouse, {
        source: source.name, stream, target: { schema: source.schema, name: `${source.name}_${stream}` },
        disposition, primaryKey: ['id'], keysUnique: true, input: { from: json(extract.file, extract.columns) },
        cursor: { before, after: extract.cursorAfter }, resetState: Boolean(options.fullRefresh),
      }, options.loadOptions);
      outcome.results.push(result);
      reporter.committed(result);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      outcome.failures.push({ source: source.name, stream, error });
      reporter.failed(source.name, stream, error);
    }
  };
  try {
    if (inWorkers) {
      // The extract threads get the cores they need while they list: the warehouse's own threads (loading
      // these types, or other sources meanwhile) take the rest, so the longest listing is not slowed by loads
      // that can wait. In the demo on 2 cores the charges took 12.9-15.1 s instead of 17.0-18.9 s.
      const release = await warehouse.limitThreads(Math.max(1, availableParallelism() - selected.length));
      // Each type loads as soon as its worker is done: the smaller types load while the largest is still
      // being listed, not after it. The outcome lists them in stream order all the same.
      const waiting = new Map(selected.map((stream) => [stream, extractNext(stream)] as const));
      const listed = Promise.allSettled(waiting.values()).then(release);
      try {
        while (waiting.size > 0) {
          const stream = await Promise.race([...waiting].map(([name, extracting]) => extracting.then(() => name, () => name)));
          const extracting = waiting.get(stream)!;
          waiting.delete(stream);
          await load(stream, extracting);
        }
      } finally {
        await listed;
      }
      const position = (stream: string): number => selected.indexOf(stream.split('__')[0] as StripeStream);
      outcome.results.sort((a, b) => position(a.stream) - position(b.stream));
      outcome.failures.sort((a, b) => position(a.stream) - position(b.stream));
    } else {
      let next = selected[0] === undefined ? undefined : extractNext(selected[0]);
      for (let i = 0; i < selected.length; i++) {
        const extracting = next!;
        await extracting.catch(() => undefined);
        // In-thread, the next type is listed while this one loads: the load runs on the warehouse's threads
        // and leaves the JS thread idle.
        const following = selected[i + 1];
        next = following === undefined ? undefined : extractNext(following);
        await load(selected[i]!, extracting);
      }
    }
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(workDir, { recursive: true, force: true });
  }
  return outcome;
}
