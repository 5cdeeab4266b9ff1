// Does: reads a project's schedule and SLA from mercator.yml and lists its next runs with their SLA deadlines.
// Does not: execute runs on a timer (no scheduler daemon exists yet).
import { join } from 'node:path';
import { MERCATOR_CONFIG_FILE, mercatorConfigSchema, readYamlSource, validateYamlSource, type MercatorConfig } from '../config/index.js';
import { MercatorError } from '../errors/index.js';
import { CronSyntaxError, nextCronRuns, parseCron, type CronExpression } from './cron-expression.js';

/** A project's validated schedule. */
export interface ProjectSchedule {
  project: string;
  file: string;
  cron: CronExpression;
  timezone: string;
  /** `sla.finish_by` (HH:MM in the schedule's zone), when set. */
  finishBy: string | null;
  /** The validated mercator.yml the schedule came from (alerts, dashboards…). */
  config: MercatorConfig;
}

/** One upcoming run: when it starts and, with an SLA, by when it must finish. */
export interface UpcomingRun {
  at: Date;
  finishBy: Date | null;
}

/** Loads `<projectDir>/mercator.yml` and its schedule; SCHEDULE_MISSING without one, SCHEDULE_CRON_INVALID with the line of a bad cron. */
export function loadProjectSchedule(projectDir: string): ProjectSchedule {
  const file = join(projectDir, MERCATOR_CONFIG_FILE);
  const source = readYamlSource(file);
  const config = validateYamlSource(source, mercatorConfigSchema);
  if (!config.schedule) throw new MercatorError('SCHEDULE_MISSING', { file });
  let cron: CronExpression;
  try {
    cron = parseCron(config.schedule.cron);
  } catch (err) {
    if (!(err instanceof CronSyntaxError)) throw err;
    const line = source.lineOf(['schedule', 'cron']);
    throw new MercatorError('SCHEDULE_CRON_INVALID', { file, line, cron: config.schedule.cron, detail: err.message }, { location: { file, line }, cause: err });
  }
  return { project: config.name, file, cron, timezone: config.schedule.timezone, finishBy: config.sla?.finish_by ?? null, config };
}

/** The next `count` runs after `after`; each SLA deadline is the first `finish_by` wall time after the run starts. */
export function upcomingRuns(schedule: ProjectSchedule, after: Date, count: number): UpcomingRun[] {
  const deadline = schedule.finishBy ? parseCron(`${Number(schedule.finishBy.slice(3))} ${Number(schedule.finishBy.slice(0, 2))} * * *`) : null;
  return nextCronRuns(schedule.cron, after, count, schedule.timezone).map((at) => ({ at, finishBy: deadline ? (nextCronRuns(deadline, at, 1, schedule.timezone)[0] ?? null) : null }));
}

/** `2026-11-24 06:00 Tue` in the given zone. */
export function formatWallTime(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']} ${parts['weekday']}`;
}

/** The text `mercator schedule` prints: the expression, the next runs in the zone and in UTC, and SLA deadlines. */
export function scheduleText(schedule: ProjectSchedule, runs: readonly UpcomingRun[]): string {
  const zone = schedule.timezone;
  const lines = [`Schedule of ${schedule.project} (${schedule.file}): '${schedule.cron.source}' in ${zone}${schedule.finishBy ? `, SLA: finished by ${schedule.finishBy}` : ''}`];
  lines.push(`Next ${runs.length} runs:`);
  for (const r of runs) {
    const utc = zone === 'UTC' ? '' : `  (${r.at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
    const sla = r.finishBy ? `  finish by ${formatWallTime(r.finishBy, zone).slice(0, 16)}` : '';
    lines.push(`  ${formatWallTime(r.at, zone)} ${zone}${utc}${sla}`);
  }
  lines.push('The schedule is validated and shown; no scheduler daemon runs it yet (run `mercator pipeline` from cron or a systemd timer meanwhile).');
  return lines.join('\n');
}
