// Does: a Stripe-compatible HTTP API (charges, refunds, payment intents) over the demo's JSONL files, with Stripe's
// list semantics, errors, headers and configurable faults. Does not: create or mutate objects.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StripeStore, type ListQuery } from './stripe-store.js';
import { authError, missingError, paramError, rateLimitError, routeError, serverError, type StripeErrorResponse } from './stripe-errors.js';
import { FaultInjector } from './stripe-faults.js';
import { checkExpand, expandObject } from './stripe-expand.js';
import type { StripeFaults } from '../demo-state.js';

/** Settings of the Stripe stand-in. */
export interface StripeServerOptions {
  /** Folder holding charges.jsonl and refunds.jsonl. */
  dataDir: string;
  apiKey: string;
  faults?: StripeFaults;
  seed?: number;
}

const API_VERSION = '2025-03-31.basil';
const KINDS = { charges: 'charge', refunds: 'refund', payment_intents: 'payment_intent' } as const;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body, null, 2), headers);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  sendParts(res, status, [text], headers);
}

/** Sends a body made of `parts` in order, with Stripe's headers. */
function sendParts(res: ServerResponse, status: number, parts: readonly (string | Buffer)[], headers: Record<string, string> = {}): void {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': length, 'Request-Id': `req_${randomBytes(7).toString('hex')}`, 'Stripe-Version': API_VERSION, ...headers });
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]!);
  res.end(parts[parts.length - 1]);
}

function sendError(res: ServerResponse, err: StripeErrorResponse): void {
  send(res, err.status, err.body, err.headers);
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  if (h.startsWith('Bearer ')) return h.slice(7).trim();
  if (h.startsWith('Basic ')) return Buffer.from(h.slice(6), 'base64').toString('utf8').split(':')[0];
  return h;
}

function parseInteger(params: URLSearchParams, name: string): number | undefined | StripeErrorResponse {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) return paramError(name, `Invalid integer: ${raw}`);
  return Number(raw);
}

/** Reads list params; returns a Stripe error response for bad ones. */
function listQuery(params: URLSearchParams): ListQuery | StripeErrorResponse {
  const limit = parseInteger(params, 'limit');
  if (typeof limit === 'object') return limit;
  if (limit !== undefined && (limit < 1 || limit > 100)) return paramError('limit', 'This value must be greater than or equal to 1 and less than or equal to 100.');
  const created: NonNullable<ListQuery['created']> = {};
  for (const op of ['gte', 'gt', 'lte', 'lt'] as const) {
    const v = parseInteger(params, `created[${op}]`);
    if (typeof v === 'object') return v;
    if (v !== undefined) created[op] = v;
  }
  const exact = parseInteger(params, 'created');
  if (typeof exact === 'object') return exact;
  if (exact !== undefined) {
    created.gte = exact;
    created.lte = exact;
  }
  const query: ListQuery = { limit: limit ?? 10, created };
  const after = params.get('starting_after');
  const before = params.get('ending_before');
  if (after && before) return paramError('ending_before', 'You may only specify one of these parameters: ending_before, starting_after.');
  if (after) query.startingAfter = after;
  if (before) query.endingBefore = before;
  return query;
}

function expandParams(params: URLSearchParams): string[] {
  const out: string[] = [];
  for (const [k, v] of params) if (k === 'expand[]' || /^expand\[\d+\]$/.test(k) || k === 'expand') out.push(v);
  return out;
}

/** Creates the HTTP server (not yet listening). */
export function createStripeServer(options: StripeServerOptions): Server {
  const stores = {
    charges: new StripeStore(join(options.dataDir, 'charges.jsonl')),
    refunds: new StripeStore(join(options.dataDir, 'refunds.jsonl')),
    payment_intents: new StripeStore(join(options.dataDir, 'payment_intents.jsonl')),
  };
  const faults = options.faults ? new FaultInjector(options.faults, options.seed) : undefined;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = bearer(req);
    if (key !== options.apiKey) return sendError(res, authError(key));
    const match = /^\/v1\/(charges|refunds|payment_intents)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || req.method !== 'GET') return sendError(res, routeError(req.method ?? 'GET', url.pathname));
    const resource = match[1] as keyof typeof stores;
    const kind = KINDS[resource];
    const store = stores[resource];
    store.refresh();
    if (resource !== 'charges') stores.charges.refresh();
    stores.payment_intents.refresh();
    const expand = expandParams(url.searchParams);
    const id = match[2] ? decodeURIComponent(match[2]) : undefined;
    if (id !== undefined) {
      const bad = checkExpand(kind, expand, false);
      if (bad) return sendError(res, paramError('expand', `This property cannot be expanded (${bad}).`));
      const text = store.get(id);
      if (!text) return sendError(res, missingError(kind, id));
      const obj = JSON.parse(text) as Record<string, unknown>;
      expandObject(obj, expand, stores);
      return send(res, 200, obj);
    }
    const query = listQuery(url.searchParams);
    if ('status' in query) return sendError(res, query);
    const cursor = query.startingAfter ?? query.endingBefore;
    if (cursor !== undefined && !store.has(cursor)) return sendError(res, missingError(kind, cursor, query.startingAfter ? 'starting_after' : 'ending_before'));
    const bad = checkExpand(kind, expand, true);
    if (bad) return sendError(res, paramError('expand', `This property cannot be expanded (${bad}).`));
    const fields = expand.map((p) => p.replace(/^data\./, ''));
    if (fields.length === 0) {
      // The stored lines are already JSON objects: splicing them in (compact) saves a parse and a
      // re-serialisation per object, and halves the bytes the client has to read and parse.
      const joined = store.listJoined(query);
      return sendParts(res, 200, ['{"object":"list","data":[', joined.data, `],"has_more":${joined.hasMore},"url":"/v1/${resource}"}`]);
    }
    const page = store.list(query);
    const data = page.lines.map((line) => {
      const obj = JSON.parse(line) as Record<string, unknown>;
      expandObject(obj, fields, stores);
      return obj;
    });
    send(res, 200, { object: 'list', data, has_more: page.hasMore, url: `/v1/${resource}` });
  };

  return createServer((req, res) => {
    const decision = faults?.next() ?? 'none';
    if (decision === 'drop') {
      req.socket.destroy();
      return;
    }
    if (decision === 'rate_limit') return sendError(res, rateLimitError());
    if (decision === 'server_error') return sendError(res, serverError());
    const run = (): void => {
      try {
        handle(req, res);
      } catch (err) {
        sendError(res, { ...serverError(), body: { error: { type: 'api_error', message: err instanceof Error ? err.message : String(err) } } });
      }
    };
    if (decision === 'slow') setTimeout(run, faults!.slowMs);
    else run();
  });
}

/** Starts the server on 127.0.0.1 (port 0 picks a free one) and resolves to its base URL and port. */
export async function listenStripeServer(server: Server, port = 0): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, port: actual };
}
