import { renameSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { DAY_MS, isoDay } from './calendar-shape.js';
import { Prng } from './prng.js';
import { tempNameFor, writeFileAtomic, writeLinesAtomic } from './atomic-file.js';
import { EventBatchWriter, eventBatchFiles } from './event-batches.js';
import type { Catalogue } from './generate-products.js';
import type { OrderRow } from './generate-orders.js';

/** Settings of the landing folder writer. */
export interface LandingOptions {
  dir: string;
  seed: number;
  eventsPerDay: number;
  /** First day written (UTC midnight ms); earlier days only feed shipments. */
  fromMs: number;
  catalogue: Catalogue;
  /** Customers existing at the time (for logged-in browsing sessions). */
  customerCount: number;
  /** Write the event batches in a worker thread (as built JavaScript; `close()` waits for them). */
  eventsInWorker?: boolean;
}

interface Shipment {
  orderId: number;
  shippedAtMs: number;
  carrier: string;
  tracking: string;
}

const CARRIERS = ['UPS', 'DHL', 'FedEx', 'Royal Mail', 'La Poste', 'PostNL'];

/**
 * Writes the landing folder as files arrive over time: hourly JSONL event batches
 * (`events/<day>/events-<day>T<hh>.jsonl`), a daily inventory CSV and a daily shipments Parquet file.
 * Every file appears atomically (temp name, then rename).
 */
export class LandingWriter {
  private readonly shipments = new Map<number, Shipment[]>();
  private duck: DuckDBInstance | undefined;
  private readonly events: EventBatchWriter;
  /** Files written, relative to the landing folder. */
  readonly written: string[] = [];

  constructor(private readonly options: LandingOptions) {
    const { dir, seed, eventsPerDay, catalogue, customerCount } = options;
    this.events = new EventBatchWriter({ dir, seed, eventsPerDay, catalogue, customerCount }, options.eventsInWorker ?? false);
  }

  /** Remembers when these orders ship (their plans are fixed), for the day's shipments drop. */
  addShipments(orders: readonly OrderRow[]): void {
    for (const o of orders) {
      const at = o.plan.shippedAtMs;
      if (at === null || at < this.options.fromMs) continue;
      const day = Math.floor(at / DAY_MS);
      let list = this.shipments.get(day);
      if (!list) this.shipments.set(day, (list = []));
      const rng = Prng.for(this.options.seed, 'ship', o.orderId);
      list.push({ orderId: o.orderId, shippedAtMs: at, carrier: rng.pick(CARRIERS), tracking: rng.token(14).toUpperCase() });
    }
  }

  /** Writes one day's files: 24 event batches linked to the day's orders, inventory CSV, shipments Parquet. */
  async writeDay(dayMs: number, orders: readonly OrderRow[]): Promise<void> {
    if (dayMs < this.options.fromMs) {
      this.shipments.delete(Math.floor(dayMs / DAY_MS));
      return;
    }
    this.events.write(dayMs, orders);
    this.written.push(...eventBatchFiles(dayMs));
    this.writeInventory(dayMs);
    await this.writeShipments(dayMs);
  }

  private writeInventory(dayMs: number): void {
    const day = isoDay(dayMs);
    const lines = ['product_id,sku,warehouse,on_hand,reserved,snapshot_at'];
    for (const p of this.options.catalogue.products) {
      const rng = Prng.for(this.options.seed, 'stock', p.productId, dayMs);
      lines.push(`${p.productId},${p.sku},${p.productId % 3 === 0 ? 'EU-1' : 'US-1'},${rng.int(0, 400)},${rng.int(0, 25)},${day}T23:59:00Z`);
    }
    const rel = join('inventory', `inventory-${day}.csv`);
    writeLinesAtomic(join(this.options.dir, rel), lines);
    this.written.push(rel);
  }

  private async writeShipments(dayMs: number): Promise<void> {
    const key = Math.floor(dayMs / DAY_MS);
    const list = (this.shipments.get(key) ?? []).sort((a, b) => a.shippedAtMs - b.shippedAtMs || a.orderId - b.orderId);
    this.shipments.delete(key);
    const day = isoDay(dayMs);
    const rel = join('shipments', `shipments-${day}.parquet`);
    const target = join(this.options.dir, rel);
    const csv = join(this.options.dir, 'shipments', `.shipments-${day}.csv.tmp`);
    mkdirSync(join(this.options.dir, 'shipments'), { recursive: true });
    writeFileAtomic(csv, ['order_id,shipped_at,carrier,tracking_number', ...list.map((s) => `${s.orderId},${new Date(s.shippedAtMs).toISOString()},${s.carrier},${s.tracking}`)].join('\n') + '\n');
    // Loaded on first use so CLI commands that never write Parquet do not load the native module.
    this.duck ??= await (await import('@duckdb/node-api')).DuckDBInstance.create(':memory:');
    const conn = await this.duck.connect();
    try {
      const tmp = tempNameFor(target);
      const quote = (p: string): string => `'${p.replace(/'/g, "''")}'`;
      await conn.run(`COPY (SELECT * FROM read_csv(${quote(csv)}, header = true, columns = {'order_id': 'BIGINT', 'shipped_at': 'TIMESTAMPTZ', 'carrier': 'VARCHAR', 'tracking_number': 'VARCHAR'}) ORDER BY shipped_at, order_id) TO ${quote(tmp)} (FORMAT parquet)`);
      renameSync(tmp, target);
    } finally {
      conn.closeSync();
      rmSync(csv, { force: true });
    }
    this.written.push(rel);
  }

  /** Waits for the event batches still being written, and releases the DuckDB instance used for Parquet. */
  async close(): Promise<void> {
    this.duck?.closeSync();
    this.duck = undefined;
    await this.events.finish();
  }
}
