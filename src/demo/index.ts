// Does: the demo shop: a deterministic synthetic e-commerce history and local stand-ins for its systems
// (PostgreSQL OLTP, a Stripe-compatible API, spreadsheet exports, a landing folder). Does not: ship in the warehouse path.
export { Prng, hashUnit, hashString } from './prng.js';
export { dayWeight, dailyCounts, blackFriday, DAY_MS, isoDay, utcMidnight } from './calendar-shape.js';
export { generateShop, BASE_VOLUMES, populationFrame, shopCatalogue, type ShopSpec, type ShopSinks, type ShopTotals } from './generate-shop.js';
export { HashSink, StreamSink, fileSink, type RowSink } from './row-sink.js';
export { OLTP_COLUMNS } from './oltp-rows.js';
export { CREATE_TABLES_SQL, CONSTRAINTS_SQL, OLTP_TABLES } from './oltp-schema.js';
export { startLocalPostgres, stopLocalPostgres, localPostgresUrl, type LocalPostgres } from './embedded-postgres-server.js';
export { recreateDatabase, seedPostgres, withDatabase } from './seed-postgres.js';
export { createStripeServer, listenStripeServer, type StripeServerOptions } from './stripe-server/stripe-server.js';
export { writeSpreadsheetExports, csvField } from './spreadsheet-exports.js';
export { LandingWriter } from './landing-folder.js';
export { demoInit, checkScale, type DemoInitOptions, type DemoInitResult } from './demo-init.js';
export { demoStop, stopDemo } from './demo-stop.js';
export { demoServeStripe } from './demo-serve-stripe.js';
export { readDemoState, writeDemoState, demoPaths, DemoStateSchema, type DemoState, type StripeFaults } from './demo-state.js';
export { describeDemo } from './describe-demo.js';
export { demoAdvance, type AdvanceSummary } from './demo-advance.js';
