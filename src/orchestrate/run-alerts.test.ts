// Alerts of failed runs, delivered to a local HTTP server that speaks Slack's incoming-webhook protocol
// (POST JSON with `text`; 200 `ok`, 400 `invalid_payload`, 404 `no_service`, 429 with Retry-After).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/index.js';
import { openWarehouse, type JsonRow } from '../warehouse/index.js';
import { runPipeline, type PipelineResult } from './run-pipeline.js';

interface Received {
  path: string;
  text: string;
}

let dir: string;
let server: Server;
let base: string;
let received: Received[];
let limitedOnce: boolean;

/** Slack's incoming-webhook answers, for the paths this stand-in knows. */
function slackStandIn(): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answer = (status: number, text: string, headers: Record<string, string> = {}): void => void res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text);
      if (req.method !== 'POST') return answer(405, 'invalid_method');
      if (!req.url?.startsWith('/services/T000/B000/')) return answer(404, 'no_service');
      if (req.url.endsWith('/LIMITED') && !limitedOnce) {
        limitedOnce = true;
        return answer(429, 'rate_limited', { 'retry-after': '1' });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        return answer(400, 'invalid_payload');
      }
      const text = (payload as { text?: unknown }).text;
      if (req.headers['content-type'] !== 'application/json' || typeof text !== 'string' || text === '') return answer(400, 'invalid_payload');
      received.push({ path: req.url, text });
      return answer(200, 'ok');
    });
  });
}

function project(alertsYaml: string, brokenModel: boolean): void {
  const files: Record<string, string> = {
    'mercator.yml': `name: tiny\nwarehouse: { type: duckdb, path: warehouse.duckdb }\nsources:\n  exports:\n    type: files\n    streams:\n      orders: { path: data/orders.csv }\n${alertsYaml}`,
    'dbt_project.yml': 'name: tiny\nprofile: tiny\nmodel-paths: [models]\n',
    'profiles.yml': `tiny:\n  target: dev\n  outputs:\n    dev: { type: duckdb, path: "{{ env_var('SHOP_DUCKDB_PATH') }}", schema: main }\n`,
    'models/sources.yml': 'version: 2\nsources:\n  - name: exports\n    schema: raw\n    tables:\n      - { name: orders, identifier: exports_orders }\n',
    'models/orders.sql': "select * from {{ source('exports', 'orders') }}",
    'models/broken.sql': brokenModel ? 'select 1 as x from' : 'select 1 as x',
    'data/orders.csv': 'order_id,amount\n1,10\n2,20\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const SLACK = "alerts:\n  channels:\n    - type: slack\n      webhook_url: ${TINY_SLACK_URL}\n      channel: '#data-alerts'\n    - type: log\n  on: [failure]\n";

async function pipeline(slackPath: string, env: Record<string, string> = { TINY_SLACK_URL: `${base}/services/T000/B000/${slackPath}` }): Promise<{ result: PipelineResult; logger: ReturnType<typeof createMemoryLogger> }> {
  const logger = createMemoryLogger();
  return { result: await runPipeline({ projectDir: dir, logger, env }), logger };
}

async function alertsOf(runId: string): Promise<JsonRow[]> {
  const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
  try {
    return (await wh.queryJson(`SELECT channel, event, status, error FROM _mercator.alerts WHERE run_id = $1 ORDER BY channel`, [runId])).rows;
  } finally {
    await wh.close();
  }
}

beforeAll(async () => {
  server = slackStandIn();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  received = [];
  limitedOnce = false;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'mercator-alerts-'));
});

describe('alerts of failed runs', () => {
  it('posts one Slack message naming the project, the run and the failed node, logs it, and records both deliveries', async () => {
    project(SLACK, true);
    const { result, logger } = await pipeline('XXXX');
    expect(result.success).toBe(false);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe('/services/T000/B000/XXXX');
    expect(received[0]!.text).toContain('*tiny*: pipeline run failed');
    expect(received[0]!.text).toContain(result.runId);
    expect(received[0]!.text).toMatch(/• model\.tiny\.broken: .*syntax error/i);
    expect(logger.events.filter((e) => e.type === 'AlertRaised').map((e) => e.message)).toEqual([received[0]!.text]);
    expect(await alertsOf(result.runId)).toEqual([
      { channel: 'log', event: 'failure', status: 'sent', error: null },
      { channel: 'slack:#data-alerts', event: 'failure', status: 'sent', error: null },
    ]);
  });

  it('sends nothing for a good run', async () => {
    project(SLACK, false);
    const { result } = await pipeline('XXXX');
    expect(result.success).toBe(true);
    expect(received).toEqual([]);
    expect(await alertsOf(result.runId)).toEqual([]);
  });

  it('waits out a 429 as Retry-After says and delivers', async () => {
    project(SLACK, true);
    const started = performance.now();
    const { result } = await pipeline('LIMITED');
    expect(received).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await alertsOf(result.runId)).find((a) => a['channel'] === 'slack:#data-alerts')?.['status']).toBe('sent');
  });

  it('records an undeliverable alert as failed with Slack\'s reason, and the run still ends normally', async () => {
    project(SLACK, true);
    const { result, logger } = await pipeline('', { TINY_SLACK_URL: `${base}/services/removed` });
    expect(result.success).toBe(false);
    expect(received).toEqual([]);
    const slack = (await alertsOf(result.runId)).find((a) => a['channel'] === 'slack:#data-alerts');
    expect(slack).toMatchObject({ status: 'failed' });
    expect(slack?.['error']).toMatch(/did not accept the message: HTTP 404 no_service$/);
    expect(logger.events.find((e) => e.type === 'AlertFailed')?.message).toContain('hint: Slack answers 404 no_service for a removed webhook');
  });

  it('alerts when a step crashes, with the crash message', async () => {
    project(SLACK, false);
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: tiny\nprofile: tiny\nmodel-paths: [models\n');
    const crash = await pipeline('XXXX').then(() => null, (err: unknown) => err);
    expect(crash).toBeInstanceOf(Error);
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain('*tiny*: pipeline run failed');
    expect(received[0]!.text).toContain((crash as Error).message.split('\n')[0]);
  });

  it('names the unset variable a webhook URL needs', async () => {
    project(SLACK, true);
    const { result } = await pipeline('', {});
    const slack = (await alertsOf(result.runId)).find((a) => a['channel'] === 'slack:#data-alerts');
    expect(slack).toMatchObject({ status: 'failed', error: 'alerts.channels[0].webhook_url refers to ${TINY_SLACK_URL}, which is not set.' });
  });
});
