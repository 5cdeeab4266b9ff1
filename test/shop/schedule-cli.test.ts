// `mercator schedule`: the shop's daily 06:00 UTC schedule and 07:00 SLA, a time-zone schedule, and a bad cron's error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { SHOP_PROJECT } from './shop-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mercator-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await runCli(['node', 'mercator', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('mercator schedule', () => {
  it("prints the shop's next 5 daily runs at 06:00 UTC with their 07:00 deadlines", async () => {
    const { code, out } = await run('schedule', '--project-dir', SHOP_PROJECT, '--from', '2026-11-23T07:30:00Z');
    expect(code).toBe(0);
    expect(out).toContain("'0 6 * * *' in UTC, SLA: finished by 07:00");
    expect(out).toContain('Next 5 runs:\n  2026-11-24 06:00 Tue UTC  finish by 2026-11-24 07:00\n');
    expect(out).toContain('  2026-11-28 06:00 Sat UTC  finish by 2026-11-28 07:00\n');
    expect(out).toContain('no scheduler daemon runs it yet');
  });

  it('gives the runs as JSON, in UTC instants for a zoned schedule', async () => {
    writeFileSync(join(dir, 'mercator.yml'), "name: zoned\nschedule:\n  cron: '*/30 9-10 * * MON-FRI'\n  timezone: America/New_York\n");
    const { code, out } = await run('--log-format', 'json', 'schedule', '--project-dir', dir, '--from', '2026-11-27T15:00:00Z', '--count', '3');
    expect(code).toBe(0);
    const event = JSON.parse(out.trim()) as { type: string; data: { runs: { at: string; finish_by: null }[] } };
    expect(event.type).toBe('ScheduleShown');
    // Friday 10:30 New York (UTC-5), then Monday from 09:00.
    expect(event.data.runs.map((r) => r.at)).toEqual(['2026-11-27T15:30:00.000Z', '2026-11-30T14:00:00.000Z', '2026-11-30T14:30:00.000Z']);
  });

  it('rejects a cron field out of range with file, line, field and a usage exit code', async () => {
    writeFileSync(join(dir, 'mercator.yml'), "name: bad\nschedule:\n  timezone: UTC\n  cron: '0 25 * * *'\n");
    const { code, err } = await run('schedule', '--project-dir', dir);
    expect(code).toBe(2);
    expect(err).toContain('SCHEDULE_CRON_INVALID');
    expect(err).toContain(`${join(dir, 'mercator.yml')}:4: schedule.cron \`0 25 * * *\`: hour: 25 is outside 0-23`);
  });

  it('says how to add a schedule when there is none', async () => {
    writeFileSync(join(dir, 'mercator.yml'), 'name: none\n');
    const { code, err } = await run('schedule', '--project-dir', dir);
    expect(code).toBe(2);
    expect(err).toContain('SCHEDULE_MISSING');
    expect(err).toContain("schedule: { cron: '0 6 * * *', timezone: UTC }");
  });
});
