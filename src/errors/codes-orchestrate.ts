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
  ALERT_SECRET_MISSING: {
    message: '{key} refers to ${{name}}, which is not set.',
    hint: 'Set {name} in the environment of the run (the Slack incoming-webhook URL), or remove the channel.',
    exit: EXIT.usage,
  },
  ALERT_WEBHOOK_FAILED: {
    message: 'The alert webhook at {host} did not accept the message: {detail}',
    hint: 'Slack answers 404 no_service for a removed webhook, 403 invalid_token for a revoked one and 410 channel_is_archived; create a new incoming webhook and update the variable holding its URL.',
    exit: EXIT.source,
  },
} as const satisfies Record<string, ErrorSpec>;
