import { describe, expect, it } from 'vitest';
import { isMercatorError, type MercatorError } from '../errors/index.js';
import { parseYamlText } from './load-yaml.js';
import { mercatorConfigSchema } from './mercator-config-schema.js';

const parse = (text: string) => parseYamlText(text, 'mercator.yml', mercatorConfigSchema);

function failure(text: string): MercatorError {
  try {
    parse(text);
  } catch (err) {
    if (isMercatorError(err)) return err;
    throw err;
  }
  throw new Error('expected a MercatorError');
}

const FULL = `name: shop
schedule:
  cron: '0 6 * * *'
  timezone: Europe/Berlin
sla:
  finish_by: '07:00'
alerts:
  channels:
    - type: slack
      webhook_url: \${SLACK_WEBHOOK_URL}
    - type: log
  on: [failure, sla_miss]
dashboards:
  refresh_seconds: 60
  pages: [overview, sales, operations]
`;

describe('mercator.yml schedule, sla, alerts and dashboards', () => {
  it('accepts the sections and fills defaults', () => {
    const config = parse(FULL);
    expect(config.schedule).toEqual({ cron: '0 6 * * *', timezone: 'Europe/Berlin' });
    expect(config.sla).toEqual({ finish_by: '07:00' });
    expect(config.alerts).toEqual({ channels: [{ type: 'slack', webhook_url: '${SLACK_WEBHOOK_URL}' }, { type: 'log' }], on: ['failure', 'sla_miss'] });
    expect(config.dashboards).toEqual({ refresh_seconds: 60, pages: ['overview', 'sales', 'operations'] });
    const defaults = parse("name: shop\nschedule: { cron: '*/15 * * * *' }\nalerts: { channels: [{ type: log }] }\ndashboards: {}\n");
    expect(defaults.schedule?.timezone).toBe('UTC');
    expect(defaults.alerts?.on).toEqual(['failure']);
    expect(defaults.dashboards?.refresh_seconds).toBe(300);
    expect(defaults.dashboards?.pages).toContain('operations');
  });

  it('suggests the closest key for a misspelt one, with its line', () => {
    const err = failure("name: shop\nschedule:\n  cron: '0 6 * * *'\n  timzone: UTC\n");
    expect(err.message).toBe('mercator.yml:4: schedule.timzone: unknown key `timzone` — did you mean `timezone`?');
    expect(failure("name: shop\nsla:\n  finish_at: '07:00'\n").hint).toBe('Rename `finish_at` to `finish_by`.');
    expect(failure('name: shop\ndashboards:\n  refresh_secs: 10\n').message).toContain('did you mean `refresh_seconds`?');
  });

  it('rejects a cron without five fields, an unknown time zone and a bad SLA time, naming the line', () => {
    expect(failure("name: shop\nschedule:\n  cron: '0 6 * *'\n").message).toBe('mercator.yml:3: schedule.cron: must have 5 fields: minute hour day-of-month month day-of-week');
    expect(failure("name: shop\nschedule:\n  cron: '0 6 * * *'\n  timezone: Mars/Olympus\n").message).toBe('mercator.yml:4: schedule.timezone: must be an IANA time zone such as UTC or Europe/Berlin');
    expect(failure("name: shop\nsla:\n  finish_by: '7am'\n").message).toBe("mercator.yml:3: sla.finish_by: must be a time HH:MM such as '07:00'");
  });

  it('checks alert channels by type: unknown type, misspelt key, missing webhook, unknown trigger', () => {
    expect(failure('name: shop\nalerts:\n  channels:\n    - type: email\n').message).toMatch(/^mercator\.yml:4: alerts\.channels\[0\]\.type: /);
    expect(failure('name: shop\nalerts:\n  channels:\n    - type: slack\n      webhok_url: https://hooks.slack.com/x\n').message).toBe(
      'mercator.yml:5: alerts.channels[0].webhok_url: unknown key `webhok_url` — did you mean `webhook_url`?',
    );
    expect(failure('name: shop\nalerts:\n  channels:\n    - type: slack\n      webhook_url: not a url\n').message).toBe(
      'mercator.yml:5: alerts.channels[0].webhook_url: must be an http(s) URL or a ${VAR} reference',
    );
    expect(failure('name: shop\nalerts:\n  channels: [{ type: log }]\n  on: [failure, late]\n').message).toBe(
      'mercator.yml:4: alerts.on[1]: must be one of "failure", "sla_miss"',
    );
  });

  it('accepts only dashboard pages that exist', () => {
    const err = failure('name: shop\ndashboards:\n  pages: [overview, sale]\n');
    expect(err.message).toMatch(/^mercator\.yml:3: dashboards\.pages\[1\]: must be one of "overview", "sales"/);
    expect(err.hint).toContain('Did you mean "sales"?');
  });
});
