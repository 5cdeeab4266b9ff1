import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of orchestration: schedules, SLAs, alerts and runs. */
export const orchestrateCodes = {
  SCHEDULE_MISSING: {
    message: '{file} has no `schedule:` section.',
    hint: "Add `schedule: { cron: '0 6 * * *', timezone: UTC }` (daily at 06:00 UTC) to {file}.",
    exit: EXIT.usage,
  },
  SCHEDULE_CRON_INVALID: {
    message: '{file}:{line}: schedule.cron `{cron}`: {detail}',
    hint: 'Five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12 or JAN-DEC) day-of-week (0-7 or SUN-SAT, 0 and 7 are Sunday); each `*`, a number, a range `1-5`, a step `*/15` or a list `1,15`.',
    exit: EXIT.usage,
  },
} as const satisfies Record<string, ErrorSpec>;
