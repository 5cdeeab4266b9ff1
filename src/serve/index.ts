// Does: the dashboard server: pages with server-rendered KPI cards, the JSON/CSV API over the metrics layer,
// the ops API, a result cache invalidated by builds, optional login and IP allowlist.
// Does not: build SQL from request text (src/metrics compiles it) or write to the warehouse.
export { startServer, type RunningServer, type ServerOptions } from './start-server.js';
export { DEFAULT_PORT } from './default-port.js';
export { hashPassword, verifyPassword } from './auth.js';
export { ipAllowlist, normalizeAddress } from './ip-allowlist.js';
export { toCsv } from './csv.js';
export { renderKpiCards, formatValue } from './pages.js';
