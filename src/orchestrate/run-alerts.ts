// Does: sends the alert of a failed run to the channels of mercator.yml `alerts` (`log`: a log event; `slack`: a POST
// to an incoming webhook, as Slack's protocol has it), and says how each delivery went. Does not: fail the run when an
// alert cannot be delivered, or decide SLA misses (no scheduler runs yet).
import type { MercatorConfig } from '../config/index.js';
import { MercatorError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { RunRow } from './run-history.js';

/** A failure of the run worth an alert. */
export interface RunAlert {
  run: RunRow;
  /** Project name (mercator.yml `name`). */
  project: string;
  /** Nodes and streams that failed, as `node: message`. */
  failures: readonly string[];
}

/** How one channel's delivery went; recorded in `_mercator.alerts`. */
export interface AlertDelivery {
  channel: string;
  event: 'failure';
  status: 'sent' | 'failed';
  sentAt: Date;
  error: string | null;
}

/** Delivery options; defaults suit Slack. */
export interface AlertOptions {
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Attempts for 429 and 5xx answers, honouring Retry-After (default 3). */
  attempts?: number;
}

type Channel = NonNullable<MercatorConfig['alerts']>['channels'][number];

/** The alert's text: what failed, where and when, in Slack's mrkdwn. */
export function alertText(a: RunAlert): string {
  const shown = a.failures.slice(0, 10).map((f) => `• ${f.length > 300 ? `${f.slice(0, 300)}…` : f}`);
  if (a.failures.length > shown.length) shown.push(`• and ${a.failures.length - shown.length} more`);
  const lines = [`:red_circle: *${a.project}*: ${a.run.command} run failed (run \`${a.run.runId}\`, started ${a.run.startedAt.toISOString()})`];
  if (shown.length > 0) lines.push(...shown);
  else if (a.run.error) lines.push(a.run.error);
  lines.push(`Details: \`SELECT * FROM _mercator.run_nodes WHERE run_id = '${a.run.runId}'\``);
  return lines.join('\n');
}

/** `${VAR}` references filled from the environment; a missing variable is ALERT_SECRET_MISSING. */
function resolveUrl(template: string, index: number, env: AlertOptions['env']): string {
  return template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') throw new MercatorError('ALERT_SECRET_MISSING', { name, key: `alerts.channels[${index}].webhook_url` });
    return value;
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** POSTs `{ text }` to a Slack incoming webhook; Slack answers 200 `ok`, else a status and a short reason such as `no_service`. */
async function postToSlack(url: string, text: string, o: AlertOptions): Promise<void> {
  const attempts = o.attempts ?? 3;
  const where = new URL(url).host;
  for (let attempt = 1; ; attempt++) {
    let status: number;
    let body: string;
    let retryAfter: string | null = null;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }), signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
      status = res.status;
      body = (await res.text()).slice(0, 200);
      retryAfter = res.headers.get('retry-after');
    } catch (err) {
      if (attempt < attempts) {
        await sleep(250 * attempt);
        continue;
      }
      throw new MercatorError('ALERT_WEBHOOK_FAILED', { host: where, detail: err instanceof Error ? err.message : String(err) }, { cause: err });
    }
    if (status >= 200 && status < 300) return;
    if ((status === 429 || status >= 500) && attempt < attempts) {
      const seconds = Number(retryAfter);
      await sleep(Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : 250 * attempt);
      continue;
    }
    throw new MercatorError('ALERT_WEBHOOK_FAILED', { host: where, detail: `HTTP ${status} ${body}`.trim() });
  }
}

/** Sends the alert to every channel; a channel that fails is reported in its delivery, never thrown. */
export async function sendRunAlert(alerts: NonNullable<MercatorConfig['alerts']>, alert: RunAlert, o: AlertOptions): Promise<AlertDelivery[]> {
  const text = alertText(alert);
  const deliveries: AlertDelivery[] = [];
  for (const [index, channel] of alerts.channels.entries()) {
    const name = channelName(channel, index);
    try {
      if (channel.type === 'log') o.logger.emit({ type: 'AlertRaised', level: 'error', message: text, data: { run_id: alert.run.runId, channel: name } });
      else await postToSlack(resolveUrl(channel.webhook_url, index, o.env), text, o);
      deliveries.push({ channel: name, event: 'failure', status: 'sent', sentAt: new Date(), error: null });
    } catch (err) {
      const coded = err instanceof MercatorError ? err : undefined;
      const message = err instanceof Error ? err.message : String(err);
      o.logger.emit({ type: 'AlertFailed', level: 'warn', message: `Alert to ${name} not delivered: ${message}${coded?.hint ? `\n  hint: ${coded.hint}` : ''}`, data: { run_id: alert.run.runId, channel: name, code: coded?.code } });
      deliveries.push({ channel: name, event: 'failure', status: 'failed', sentAt: new Date(), error: message });
    }
  }
  return deliveries;
}

/** `slack:#channel`, `slack[0]` or `log`, for messages and the alerts table (never the webhook URL: it is a secret). */
function channelName(channel: Channel, index: number): string {
  if (channel.type === 'log') return 'log';
  return channel.channel ? `slack:${channel.channel}` : `slack[${index}]`;
}
