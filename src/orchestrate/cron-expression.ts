// Does: parses a 5-field cron expression (minute hour day-of-month month day-of-week) with lists, ranges, steps and
// month/day names, and computes its next run times in a time zone. Does not: run anything on a timer.

/** The values each field allows, by field. */
export interface CronExpression {
  /** The text as given. */
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 is read as Sunday). */
  daysOfWeek: ReadonlySet<number>;
  /** True when day-of-month is `*` (so only day-of-week restricts the day). */
  anyDayOfMonth: boolean;
  /** True when day-of-week is `*` (so only day-of-month restricts the day). */
  anyDayOfWeek: boolean;
}

/** A cron expression that cannot be read: which field and why. */
export class CronSyntaxError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'CronSyntaxError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  // Month names count from 1, day names from 0.
  if (named >= 0) return spec.name === 'month' ? named + 1 : named;
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(spec.name, `\`${text}\` is not a number${spec.names ? ' or a name' : ''}`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) throw new CronSyntaxError(spec.name, `${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

/** One field: `*`, `n`, `a-b`, with `/step` on `*`, a range or a start, and comma lists of those. */
function parseField(text: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new CronSyntaxError(spec.name, `empty list item in \`${text}\``);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronSyntaxError(spec.name, `\`${part}\` has more than one \`/\``);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new CronSyntaxError(spec.name, `step \`${stepText}\` must be a whole number of at least 1`);
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = spec.min;
      hi = spec.name === 'day-of-week' ? 6 : spec.max;
    } else if (range!.includes('-')) {
      const [a, b, more] = range!.split('-');
      if (more !== undefined || !a || !b) throw new CronSyntaxError(spec.name, `\`${range}\` is not a range a-b`);
      lo = value(a, spec);
      hi = value(b, spec);
      if (lo > hi) throw new CronSyntaxError(spec.name, `range \`${range}\` runs backwards`);
    } else {
      lo = value(range!, spec);
      // `5/15` means from 5 to the end in steps of 15.
      hi = stepText !== undefined ? spec.max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return out;
}

/** Parses `minute hour day-of-month month day-of-week`; throws CronSyntaxError naming the field. */
export function parseCron(text: string): CronExpression {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') throw new CronSyntaxError('expression', `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields[0] === '' ? 0 : fields.length}`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((f, i) => parseField(f, FIELDS[i]!)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const expr: CronExpression = { source: text.trim(), minutes, hours, daysOfMonth, months, daysOfWeek, anyDayOfMonth: fields[2]!.startsWith('*'), anyDayOfWeek: fields[4]!.startsWith('*') };
  if (![...months].some((m) => [...daysOfMonth].some((d) => d <= DAYS_IN_MONTH[m - 1]!)) && expr.anyDayOfWeek) {
    throw new CronSyntaxError('day-of-month', `no day in \`${fields[2]}\` exists in month \`${fields[3]}\``);
  }
  return expr;
}

/** Longest length of each month (February in a leap year). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Wall-clock fields of an instant in a time zone. */
interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localTimeReader(timeZone: string): (at: Date) => LocalTime {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  return (at) => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(at)) parts[p.type] = p.value;
    return { year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']), hour: Number(parts['hour']), minute: Number(parts['minute']), weekday: WEEKDAYS[parts['weekday']!]! };
  };
}

/** Cron's day rule: when both day fields are restricted, either may match. */
function dayMatches(e: CronExpression, t: LocalTime): boolean {
  const dom = e.daysOfMonth.has(t.day);
  const dow = e.daysOfWeek.has(t.weekday);
  if (e.anyDayOfMonth && e.anyDayOfWeek) return true;
  if (e.anyDayOfMonth) return dow;
  if (e.anyDayOfWeek) return dom;
  return dom || dow;
}

const MINUTE = 60_000;
/** How far ahead to look before giving up (a 29 February schedule needs up to 8 years). */
const HORIZON_MS = 9 * 366 * 24 * 60 * MINUTE;

/**
 * The next `count` run times strictly after `after`, as instants, for wall-clock times in `timeZone` (default UTC).
 * A wall time that a daylight-saving change skips does not run that day; one that occurs twice runs once.
 */
export function nextCronRuns(e: CronExpression, after: Date, count: number, timeZone = 'UTC'): Date[] {
  const local = localTimeReader(timeZone);
  const runs: Date[] = [];
  const emitted = new Set<string>();
  // Start at the next whole minute.
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  const end = after.getTime() + HORIZON_MS;
  while (runs.length < count && t <= end) {
    const l = local(new Date(t));
    if (!e.months.has(l.month) || !dayMatches(e, l) || !e.hours.has(l.hour)) {
      // Nothing in this local hour can match: jump to the start of the next local hour.
      t += (60 - l.minute) * MINUTE;
      continue;
    }
    if (e.minutes.has(l.minute)) {
      const key = `${l.year}-${l.month}-${l.day} ${l.hour}:${l.minute}`;
      if (!emitted.has(key)) runs.push(new Date(t));
      emitted.add(key);
    }
    t += MINUTE;
  }
  return runs;
}
