// Does: `mercator serve`: opens the project's warehouse and metrics layer and answers the dashboard's pages,
// static assets and JSON/CSV API on node:http, behind the optional IP allowlist and login.
// Does not: write to the warehouse: it runs only SQL the metrics layer compiles and fixed ops queries.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadMercatorConfig, MERCATOR_CONFIG_FILE, type MercatorConfig } from '../config/index.js';
import { isMercatorError, MercatorError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { ANALYSIS_NAMES, loadMetricLayer } from '../metrics/index.js';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { readCookie, SESSION_COOKIE, SessionStore, verifyPassword } from './auth.js';
import { toCsv } from './csv.js';
import { DashboardData } from './dashboard-data.js';
import { ipAllowlist } from './ip-allowlist.js';
import { OpsData } from './ops-data.js';
import { errorPage, FALLBACK_TEMPLATE, fillTemplate, loginPage, PAGES, renderKpiCards } from './pages.js';
import { readDataVersion, ResultCache } from './result-cache.js';
import { listenError } from './listen-error.js';
import { DEFAULT_PORT } from './default-port.js';
import { defaultWebDir, readStatic, resolveStatic } from './static-files.js';

/** Options of startServer. */
export interface ServerOptions {
  projectDir: string;
  /** 0 picks a free port. Default 8501. */
  port?: number;
  /** Default 127.0.0.1 (this machine only); 0.0.0.0 or :: to listen on every interface. */
  host?: string;
  logger: Logger;
  /** The built client (index.html and assets/); default the package's dist/web. */
  webDir?: string;
  /** An already open warehouse (the caller closes it); default the project's, opened here. */
  warehouse?: Warehouse;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops listening, ends open connections and closes the warehouse it opened. */
  close(): Promise<void>;
  /** Cache counters, for tests and diagnostics. */
  cacheStats(): { hits: number; misses: number };
}


type Send = (status: number, body: string | Buffer, type: string, headers?: Record<string, string>) => void;

/** mercator.yml `warehouse` (relative DuckDB path resolved against the project), default DuckDB `warehouse.duckdb`. */
function warehouseConfig(config: MercatorConfig | null, projectDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = config?.warehouse ? { ...config.warehouse } : { type: 'duckdb', path: 'warehouse.duckdb' };
  const path = out['path'];
  if (typeof path === 'string' && path !== ':memory:' && !isAbsolute(path)) out['path'] = resolve(projectDir, path);
  return out;
}

/** HTTP status of an error: request mistakes 4xx, missing marts 503, the rest 500. */
function statusOf(err: unknown): number {
  if (!isMercatorError(err)) return 500;
  switch (err.code) {
    case 'SERVE_NOT_FOUND':
      return 404;
    case 'SERVE_LOGIN_REQUIRED':
    case 'SERVE_LOGIN_FAILED':
      return 401;
    case 'SERVE_IP_FORBIDDEN':
      return 403;
    case 'METRICS_MART_MISSING':
      return 503;
    case 'METRICS_COLUMN_MISSING':
      return 500;
    default:
      return err.code.startsWith('METRICS_') || err.code === 'CONFIG_INVALID' ? 400 : 500;
  }
}

/** Starts the server; resolves once it listens. Throws CONFIG_* for a bad metrics.yml or mercator.yml, SERVE_PORT_IN_USE or SERVE_LISTEN_FAILED. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const projectDir = resolve(options.projectDir);
  const config = existsSync(join(projectDir, MERCATOR_CONFIG_FILE)) ? loadMercatorConfig(projectDir) : null;
  const serve = config?.serve;
  const refreshSeconds = serve?.refresh_seconds ?? (config as { dashboards?: { refresh_seconds?: number } } | null)?.dashboards?.refresh_seconds ?? 300;
  const layer = loadMetricLayer(projectDir);
  const warehouse = options.warehouse ?? (await openWarehouse(warehouseConfig(config, projectDir)));
  const cache = new ResultCache(() => readDataVersion(warehouse, projectDir));
  const data = new DashboardData(warehouse, layer, cache, refreshSeconds);
  const ops = new OpsData(warehouse, projectDir);
  const webDir = options.webDir ?? defaultWebDir();
  const allowed = ipAllowlist(serve?.allow_ips);
  const users = serve?.users ?? null;
  const sessions = new SessionStore((serve?.session_hours ?? 12) * 3600_000);
  const log = options.logger;

  const template = (): string => {
    const file = join(webDir, 'index.html');
    return existsSync(file) ? readFileSync(file, 'utf8') : FALLBACK_TEMPLATE;
  };

  const handle = async (req: IncomingMessage, send: Send): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = req.method ?? 'GET';
    const isApi = path.startsWith('/api/');

    if (allowed !== null && !allowed(req.socket.remoteAddress ?? '')) throw new MercatorError('SERVE_IP_FORBIDDEN', { ip: req.socket.remoteAddress ?? 'unknown' });

    if (path === '/login' && users !== null) {
      if (method === 'POST') {
        const form = new URLSearchParams(await readBody(req, 16 * 1024));
        const next = safeNext(form.get('next'));
        const user = users.find((u) => u.username === form.get('username'));
        // Verify against a hash even for an unknown user, so timing does not reveal which usernames exist.
        const ok = await verifyPassword(form.get('password') ?? '', user?.password_hash ?? users[0]!.password_hash);
        if (user && ok) {
          const token = sessions.create(user.username);
          log.emit({ type: 'ServeLogin', level: 'info', message: `login: ${user.username}`, data: { username: user.username } });
          return send(303, '', 'text/plain', { location: next, 'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${(serve?.session_hours ?? 12) * 3600}` });
        }
        log.emit({ type: 'ServeLoginFailed', level: 'warn', message: `failed login for ${JSON.stringify(form.get('username') ?? '')} from ${req.socket.remoteAddress ?? '?'}`, data: {} });
        return send(401, loginPage(next, true), 'text/html; charset=utf-8');
      }
      return send(200, loginPage(safeNext(url.searchParams.get('next')), false), 'text/html; charset=utf-8');
    }
    if (path === '/logout') {
      sessions.delete(readCookie(req.headers.cookie, SESSION_COOKIE));
      return send(303, '', 'text/plain', { location: users !== null ? '/login' : '/', 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0` });
    }
    if (path.startsWith('/assets/')) {
      // Rooted at assets/, so `..` cannot reach index.html or anything else outside it.
      const file = resolveStatic(join(webDir, 'assets'), path.slice('/assets'.length));
      if (!file) throw new MercatorError('SERVE_NOT_FOUND', { path });
      return send(200, readStatic(file.file), file.type, { 'cache-control': 'public, max-age=31536000, immutable' });
    }
    if (users !== null && sessions.user(readCookie(req.headers.cookie, SESSION_COOKIE)) === null) {
      if (isApi) throw new MercatorError('SERVE_LOGIN_REQUIRED');
      return send(303, '', 'text/plain', { location: `/login?next=${encodeURIComponent(path + url.search)}` });
    }
    if (method !== 'GET' && method !== 'HEAD') throw new MercatorError('SERVE_NOT_FOUND', { path: `${method} ${path}` });

    if (isApi) {
      const json = (value: unknown): void => send(200, JSON.stringify(value), 'application/json; charset=utf-8', { 'cache-control': 'no-cache' });
      const csv = (name: string, table: { columns: { name: string }[]; rows: unknown[][] }): void =>
        send(200, toCsv(table.columns, table.rows), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-cache' });
      const params = url.searchParams;
      if (path === '/api/meta') return json(await data.meta());
      if (path === '/api/metrics') return json(await data.metrics(params));
      if (path === '/api/metrics.csv') return csv(csvName(params), await data.metrics(params));
      if (path === '/api/kpis') return json(await data.kpis(params));
      const analysis = /^\/api\/analysis\/([a-z_]+)(\.csv)?$/.exec(path);
      if (analysis) {
        const answer = await data.analysis(analysis[1]!, params);
        return analysis[2] ? csv(analysis[1]!, answer) : json(answer);
      }
      if (path === '/api/ops/runs') return json({ runs: await ops.runs(), asOf: await data.asOf() });
      if (path === '/api/ops/tests') return json({ ...(await ops.tests()), asOf: await data.asOf() });
      if (path === '/api/ops/freshness') return json({ ...(await ops.freshness()), asOf: await data.asOf() });
      if (path === '/api/ops/lineage') return json((await cache.get('ops:lineage', async () => ops.lineage())).value);
      if (path === '/api/health') return json({ ok: true, asOf: await data.asOf() });
      throw new MercatorError('SERVE_NOT_FOUND', { path }, { hint: `Endpoints: /api/meta, /api/metrics, /api/kpis, /api/analysis/{${ANALYSIS_NAMES.join(',')}}, /api/ops/{runs,tests,freshness,lineage}; see docs/dashboard-api.md.` });
    }

    const page = PAGES[path];
    if (page !== undefined) {
      const meta = await data.meta();
      let kpis = null;
      if (page === 'overview') {
        try {
          const { asOf: _asOf, cached: _cached, ...cards } = await data.kpis(url.searchParams);
          kpis = cards;
        } catch (err) {
          // A bad filter in a shared link must not break the page; the client reports it when it fetches.
          if (!isMercatorError(err) || statusOf(err) >= 500) throw err;
        }
      }
      const html = fillTemplate(template(), { page, asOf: meta.asOf, refreshSeconds, meta, ...(kpis ? { kpis } : {}) }, renderKpiCards(kpis));
      return send(200, html, 'text/html; charset=utf-8', { 'cache-control': 'no-cache' });
    }
    const file = path !== '/index.html' ? resolveStatic(webDir, path) : null;
    if (file) return send(200, readStatic(file.file), file.type, { 'cache-control': 'public, max-age=3600' });
    throw new MercatorError('SERVE_NOT_FOUND', { path });
  };

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const send: Send = (status, body, type, headers = {}) => {
      let payload = typeof body === 'string' ? Buffer.from(body) : body;
      const out: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY', ...headers };
      if (accepts && payload.length > 1024 && /^(text\/|application\/json|image\/svg)/.test(type)) {
        payload = gzipSync(payload, { level: 6 });
        out['content-encoding'] = 'gzip';
        out['vary'] = 'accept-encoding';
      }
      out['content-length'] = String(payload.length);
      res.writeHead(status, out);
      res.end(req.method === 'HEAD' ? undefined : payload);
      log.emit({ type: 'ServeRequest', level: 'debug', message: `${req.method} ${req.url} ${status} ${(performance.now() - started).toFixed(1)} ms`, data: { status } });
    };
    handle(req, send).catch((err: unknown) => {
      const status = statusOf(err);
      const known = isMercatorError(err) && status < 500 ? err : null;
      const code = isMercatorError(err) ? err.code : 'INTERNAL';
      // Clients see a coded error's message; for server-side failures only its first line (no SQL), details go to the log.
      const internal = status >= 500 && !(isMercatorError(err) && (err.code === 'METRICS_MART_MISSING' || err.code === 'METRICS_COLUMN_MISSING'));
      const message = isMercatorError(err) ? (internal ? err.message.split('\n')[0]! : err.message) : 'The server failed to answer this request.';
      const hint = isMercatorError(err) && !internal ? err.hint : 'The server log has the details; retry, and report it if it persists.';
      // The stack goes to the server log only, and only for failures that are not coded (bugs).
      if (!known) log.emit({ type: 'ServeError', level: 'error', message: `${req.method} ${req.url}: ${isMercatorError(err) ? `[${code}] ${message}\n  hint: ${hint}` : err instanceof Error ? (err.stack ?? err.message) : String(err)}`, data: { code } });
      if (res.headersSent) return void res.destroy();
      const url = req.url ?? '/';
      if (url.startsWith('/api/')) send(status, JSON.stringify({ error: { code, message, hint } }), 'application/json; charset=utf-8', { 'cache-control': 'no-store' });
      else send(status, errorPage(status, message, hint), 'text/html; charset=utf-8', { 'cache-control': 'no-store' });
    });
  });

  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (err) {
    if (!options.warehouse) await warehouse.close();
    throw listenError(err, port, host);
  }
  // Keep the overview hot: compute what its first HTML needs at start and again after every build, and
  // notice a finished build within a few seconds even when nobody is asking.
  cache.onChange = () => {
    void Promise.all([data.meta(), data.kpis(new URLSearchParams())]).catch((err: unknown) =>
      log.emit({ type: 'ServeWarmFailed', level: 'debug', message: `precomputing the overview failed: ${err instanceof Error ? err.message : String(err)}`, data: {} }),
    );
  };
  const checkVersion = (): void =>
    void cache.current().catch((err: unknown) => log.emit({ type: 'ServeVersionCheckFailed', level: 'debug', message: `reading the data version failed: ${err instanceof Error ? err.message : String(err)}`, data: {} }));
  const watcher = setInterval(checkVersion, 3000);
  watcher.unref();
  checkVersion();
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}`;
  log.emit({ type: 'ServeStarted', level: 'info', message: `Dashboard at ${url} (project ${projectDir}; Ctrl-C to stop)`, data: { url, projectDir } });
  return {
    url,
    port: actualPort,
    cacheStats: () => ({ hits: cache.hits, misses: cache.misses }),
    async close() {
      clearInterval(watcher);
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      if (!options.warehouse) await warehouse.close();
    },
  };
}

/** A local path to return to after login (never another site). */
function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** File name of a metrics CSV: `revenue-orders-by-date-category`. */
function csvName(params: URLSearchParams): string {
  const metrics = params.getAll('metrics').join(',').split(',').filter(Boolean);
  const dims = params.getAll('dimensions').join(',').split(',').filter(Boolean).map((d) => d.replace(':', '-'));
  return [metrics.join('-') || 'metrics', ...(dims.length > 0 ? ['by', dims.join('-')] : [])].join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Reads a request body up to `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new MercatorError('METRICS_BAD_REQUEST', { detail: 'request body too large' }, { hint: `Send at most ${limit} bytes.` });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
