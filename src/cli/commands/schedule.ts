import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { cliContext } from '../cli-context.js';

// Loaded when the command runs, like the other orchestrate commands.
const orchestrate = () => import('../../orchestrate/index.js');

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return n;
}

function instant(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected a date-time such as 2026-11-23T12:00:00Z');
  return d;
}

/** `mercator schedule`: validates the project's schedule and SLA and prints the next runs. */
export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description("validate mercator.yml's schedule and SLA and print the next runs (not executed by a daemon yet)")
    .option('--project-dir <dir>', 'project folder', '.')
    .option('--count <n>', 'how many upcoming runs to list', positiveInt, 5)
    .option('--from <date-time>', 'list runs after this instant (default: now)', instant)
    .action(async (opts: { projectDir: string; count: number; from?: Date }, command: Command) => {
      const { logger } = cliContext(command);
      const { loadProjectSchedule, scheduleText, upcomingRuns } = await orchestrate();
      const schedule = loadProjectSchedule(resolve(opts.projectDir));
      const runs = upcomingRuns(schedule, opts.from ?? new Date(), opts.count);
      logger.emit({
        type: 'ScheduleShown',
        level: 'info',
        message: scheduleText(schedule, runs),
        data: { project: schedule.project, cron: schedule.cron.source, timezone: schedule.timezone, finish_by: schedule.finishBy, runs: runs.map((r) => ({ at: r.at.toISOString(), finish_by: r.finishBy?.toISOString() ?? null })) },
      });
    });
}
