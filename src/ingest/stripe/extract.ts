// Does: lists a Stripe object type created since the cursor minus the lookback, page by page through the
// retrying requester, and writes flattened rows (and child-list rows) to JSONL files the warehouse reads.
// Does not: load; ingest-stripe.ts hands the files to the loader.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { MercatorError } from '../../errors/index.js';
import type { ResolvedStripeSource, StripeStream } from './resolve.js';
import type { StripeRequester } from './stripe-requester.js';
import type { LogicalType } from '../../warehouse/index.js';
import { FlatSchema, flattenToJson } from './flat-json.js';
import { LineFile } from './line-file.js';

/** What one object type's extraction wrote. */
export interface StripeExtract {
  /** JSONL file of the objects themselves. */
  file: string;
  objects: number;
  /** The objects' columns in order, typed from every value the file holds. */
  columns: Record<string, LogicalType>;
  /** Child tables by suffix (`refunds` → `<stream>__refunds`), with their JSONL file, row count and columns. */
  children: Record<string, { file: string; rows: number; columns: Record<string, LogicalType> }>;
  /** Greatest `created` seen (unix seconds as text), or the previous cursor when nothing was listed. */
  cursorAfter: string | null;
}

/** Lists `stream` objects with `created >= cursor - lookback` (everything on the first run) into `workDir`. */
export async function extractStripeStream(
  client: Stripe,
  requester: StripeRequester,
  source: ResolvedStripeSource,
  stream: StripeStream,
  cursorBefore: string | null,
  workDir: string,
  onProgress?: (objects: number) => void,
): Promise<StripeExtract> {
  const file = join(workDir, `${source.name}.${stream}.jsonl`);
  const since = cursorBefore === null ? undefined : Math.max(0, Number(cursorBefore) - source.lookbackSeconds);
  let objects = 0;
  let maxCreated = cursorBefore === null ? null : Number(cursorBefore);
  const seen = new Set<string>();
  const schema = new FlatSchema();
  let out: LineFile | undefined;
  const childFiles: Record<string, LineFile> = {};
  const emit = (object: Record<string, unknown>): void => {
    if (seen.has(String(object['id']))) return;
    seen.add(String(object['id']));
    const { line, children } = flattenToJson(object, schema);
    out!.add(line);
    for (const [name, rows] of Object.entries(children)) {
      // The file exists (and is loaded) as soon as one object has the list, even an empty one.
      const child = (childFiles[name] ??= new LineFile(join(workDir, `${source.name}.${stream}__${name}.jsonl`)));
      for (const r of rows) child.add(r);
    }
    const created = Number(object['created']);
    if (maxCreated === null || created > maxCreated) maxCreated = created;
    objects++;
  };
  try {
    out = new LineFile(file);
    await listAll(client, requester, source, stream, since, async (page) => {
      for (const object of page) {
        emit(object);
        if (objects % source.pageSize === 0) onProgress?.(objects);
      }
    });
    if (stream === 'charges' && since !== undefined) {
      // A refund changes its charge (amount_refunded, refunded) without changing `created`; charges older
      // than the lookback would be missed, so the charges of refunds in the window are fetched again.
      const refunded = new Set<string>();
      await listAll(client, requester, source, 'refunds', since, async (page) => {
        for (const refund of page) {
          const charge = refund['charge'];
          const id = typeof charge === 'string' ? charge : (charge as { id?: string } | null)?.id;
          if (id && !seen.has(id)) refunded.add(id);
        }
      });
      for (const id of refunded) emit((await requester.request(() => client.charges.retrieve(id))) as unknown as Record<string, unknown>);
    }
    onProgress?.(objects);
  } catch (err) {
    // The files are dropped with the failed extraction: a failure to close one must not hide this error.
    closeAll([out, ...Object.values(childFiles)]);
    throw stripeError(err, source, stream);
  }
  const closing = closeAll([out, ...Object.values(childFiles)]);
  if (closing !== undefined) throw stripeError(closing, source, stream);
  const children = Object.fromEntries(Object.entries(childFiles).map(([name, c]) => [name, { file: c.path, rows: c.lines, columns: schema.child(name).types() }]));
  return { file, objects, columns: schema.main.types(), children, cursorAfter: maxCreated === null ? null : String(maxCreated) };
}

/**
 * Pages through every object of a type created at or after `since` (all when undefined), newest first,
 * handing each page to `each` in order. The next page is requested while `each` handles the current one:
 * the request is on the wire before `each` starts, so the server's work overlaps ours.
 */
async function listAll(
  client: Stripe,
  requester: StripeRequester,
  source: ResolvedStripeSource,
  stream: StripeStream,
  since: number | undefined,
  each: (page: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  const fetchPage = (startingAfter: string | undefined): Promise<{ data: { id: string }[]; has_more: boolean }> => {
    const params: Stripe.ChargeListParams & Stripe.RefundListParams & Stripe.PaymentIntentListParams = {
      limit: source.pageSize,
      ...(since === undefined ? {} : { created: { gte: since } }),
      ...(startingAfter === undefined ? {} : { starting_after: startingAfter }),
    };
    return requester.request(async () =>
      stream === 'charges' ? await client.charges.list(params)
        : stream === 'payment_intents' ? await client.paymentIntents.list(params)
          : await client.refunds.list(params),
    );
  };
  let page = await fetchPage(undefined);
  for (;;) {
    const last = page.data[page.data.length - 1];
    const more = page.has_more && last !== undefined;
    const fetching = more ? fetchPage(last.id) : undefined;
    // The client sends the request a few turns after the call; `each` is mostly synchronous, so without
    // this yield the next request would only leave once the current page is processed.
    if (fetching) {
      // Marked handled for the yield only: Promise.all below still raises its failure.
      fetching.catch(() => undefined);
      await nextTurn();
    }
    // Promise.all awaits both, so a failure of either is raised here and none goes unhandled.
    const [, next] = await Promise.all([each(page.data as unknown as Record<string, unknown>[]), fetching]);
    if (!next) return;
    page = next;
  }
}

/** Closes every file; returns the first failure to close one. */
function closeAll(files: (LineFile | undefined)[]): unknown {
  let failure: unknown;
  for (const f of files) {
    try {
      f?.close();
    } catch (err) {
      failure ??= err;
    }
  }
  return failure;
}

/** A Stripe failure as a coded error: bad key, unreachable API, or a failed request after retries. */
function stripeError(err: unknown, source: ResolvedStripeSource, stream: string): MercatorError {
  const e = err as { statusCode?: number; type?: string; message?: string };
  const target = `${source.protocol ?? 'https'}://${source.host ?? 'api.stripe.com'}${source.port ? `:${source.port}` : ''}`;
  const detail = e.message ?? String(err);
  if (e.statusCode === 401 || e.type === 'StripeAuthenticationError') {
    return new MercatorError('INGEST_AUTH_FAILED', { source: source.name, target, user: 'api key', detail }, { cause: err });
  }
  if (e.type === 'StripeConnectionError') return new MercatorError('INGEST_SOURCE_UNREACHABLE', { source: source.name, target, detail }, { cause: err });
  return new MercatorError('INGEST_EXTRACT_FAILED', { source: source.name, stream, detail: e.statusCode ? `${detail} (HTTP ${e.statusCode})` : detail }, { cause: err });
}
