import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { MercatorError } from '../errors/index.js';

/** Fault injection of the Stripe stand-in: fractions of requests (0..1) and the slow delay. */
export const StripeFaultsSchema = z.object({
  rateLimited: z.number().min(0).max(1).default(0),
  serverErrors: z.number().min(0).max(1).default(0),
  slow: z.number().min(0).max(1).default(0),
  slowMs: z.number().int().min(0).default(1500),
  dropped: z.number().min(0).max(1).default(0),
});

/** Validates fault fractions (each 0..1) given on the command line; throws CLI_USAGE naming the bad one. */
export function checkFaults(faults: Partial<StripeFaults>): StripeFaults {
  const parsed = StripeFaultsSchema.safeParse(faults);
  if (!parsed.success) {
    throw new MercatorError('CLI_USAGE', { detail: `fault settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }, { hint: 'Fault flags take fractions between 0 and 1, e.g. --fault-429 0.05.' });
  }
  return parsed.data;
}

/** Fault settings of the Stripe stand-in. */
export type StripeFaults = z.infer<typeof StripeFaultsSchema>;

/** The schema of `.mercator/demo.json`: where each system of the demo shop lives and how far it has run. */
export const DemoStateSchema = z.object({
  version: z.literal(1),
  seed: z.number().int(),
  scale: z.number(),
  startDate: z.string(),
  initAsOf: z.string(),
  asOf: z.string(),
  dir: z.string(),
  postgres: z.object({ url: z.string(), serverUrl: z.string(), database: z.string(), embedded: z.boolean(), dataDir: z.string().optional() }),
  stripe: z.object({ url: z.string(), apiKey: z.string(), port: z.number().int(), pid: z.number().int().optional(), dataDir: z.string(), log: z.string(), faults: StripeFaultsSchema }),
  exports: z.object({ dir: z.string(), files: z.record(z.string(), z.string()), badRowFraction: z.number() }),
  landing: z.object({ dir: z.string(), eventDays: z.number().int(), eventsPerDay: z.number().int() }),
  ordersPerDay: z.number().int(),
  counters: z.object({ customers: z.number().int(), products: z.number().int(), orders: z.number().int(), orderItems: z.number().int(), charges: z.number().int(), refunds: z.number().int(), nextOrderId: z.number().int(), nextItemId: z.number().int() }),
});

/** Parsed `.mercator/demo.json`. */
export type DemoState = z.infer<typeof DemoStateSchema>;

/** The fixed locations of a demo shop inside a project folder. */
export function demoPaths(dir: string): { root: string; stateFile: string; pgData: string; stripeDir: string; exportsDir: string; landingDir: string } {
  const root = resolve(dir);
  return {
    root,
    stateFile: join(root, '.mercator', 'demo.json'),
    pgData: join(root, '.mercator', 'postgres'),
    stripeDir: join(root, '.mercator', 'stripe'),
    exportsDir: join(root, 'demo', 'exports'),
    landingDir: join(root, 'demo', 'landing'),
  };
}

/** Reads and validates the state file of the demo shop in `dir`. */
export function readDemoState(dir: string): DemoState {
  const file = demoPaths(dir).stateFile;
  if (!existsSync(file)) throw new MercatorError('DEMO_NOT_INITIALISED', { file });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new MercatorError('DEMO_STATE_INVALID', { file, detail: cause instanceof Error ? cause.message : String(cause) }, { cause });
  }
  const parsed = DemoStateSchema.safeParse(raw);
  if (!parsed.success) throw new MercatorError('DEMO_STATE_INVALID', { file, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return parsed.data;
}

/** Writes the state file atomically (temp name, then rename). */
export function writeDemoState(state: DemoState): void {
  const file = demoPaths(state.dir).stateFile;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}
