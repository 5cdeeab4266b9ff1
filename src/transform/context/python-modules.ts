import { splitArgs } from './call-args.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A Python-like datetime value: strftime, isoformat, date parts; renders as ISO text. */
class PyDateTime {
  constructor(readonly d: Date, readonly dateOnly = false) {}
  get year(): number { return this.d.getUTCFullYear(); }
  get month(): number { return this.d.getUTCMonth() + 1; }
  get day(): number { return this.d.getUTCDate(); }
  get hour(): number { return this.d.getUTCHours(); }
  get minute(): number { return this.d.getUTCMinutes(); }
  get second(): number { return this.d.getUTCSeconds(); }
  strftime(format: string): string {
    const d = this.d;
    const map: Record<string, string> = {
      Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()),
      M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), f: pad(d.getUTCMilliseconds() * 1000, 6), y: pad(d.getUTCFullYear() % 100), '%': '%',
    };
    return format.replace(/%([YmdHMSfy%])/g, (_m, c: string) => map[c] ?? '');
  }
  isoformat(): string {
    return this.dateOnly ? this.strftime('%Y-%m-%d') : this.d.toISOString().replace('Z', '').replace(/\.000$/, '');
  }
  date(): PyDateTime { return new PyDateTime(new Date(Date.UTC(this.year, this.month - 1, this.day)), true); }
  replace(...args: unknown[]): PyDateTime {
    const { kwargs } = splitArgs(args);
    const n = (k: string, v: number): number => (typeof kwargs[k] === 'number' ? (kwargs[k] as number) : v);
    return new PyDateTime(new Date(Date.UTC(n('year', this.year), n('month', this.month) - 1, n('day', this.day), n('hour', this.hour), n('minute', this.minute), n('second', this.second))), this.dateOnly);
  }
  __add__(delta: PyTimeDelta): PyDateTime { return new PyDateTime(new Date(this.d.getTime() + delta.ms), this.dateOnly); }
  __sub__(delta: PyTimeDelta): PyDateTime { return new PyDateTime(new Date(this.d.getTime() - delta.ms), this.dateOnly); }
  toString(): string { return this.dateOnly ? this.isoformat() : this.strftime('%Y-%m-%d %H:%M:%S.%f'); }
}

/** A Python-like datetime for a JS Date (e.g. `run_started_at`). */
export const pyDateTime = (d: Date): PyDateTime => new PyDateTime(d);

/** A Python-like timedelta. */
class PyTimeDelta {
  constructor(readonly ms: number) {}
  total_seconds(): number { return this.ms / 1000; }
  get days(): number { return Math.floor(this.ms / 86_400_000); }
}

const timedelta = (...args: unknown[]): PyTimeDelta => {
  const { positional, kwargs } = splitArgs(args);
  const v = (k: string, i: number): number => Number(kwargs[k] ?? positional[i] ?? 0);
  return new PyTimeDelta(((v('weeks', 99) * 7 + v('days', 0)) * 86_400 + v('hours', 99) * 3600 + v('minutes', 99) * 60 + v('seconds', 1)) * 1000 + v('milliseconds', 99));
};

/** `modules` as dbt exposes it: datetime (now, utcnow, date, timedelta, strptime of ISO text), re, itertools subset. */
export function pythonModules(now: () => Date): Record<string, unknown> {
  const datetimeClass = Object.assign((...args: unknown[]) => {
    const { positional } = splitArgs(args);
    const [y, m, d, h, mi, s] = positional.map(Number);
    return new PyDateTime(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0)));
  }, {
    now: () => new PyDateTime(now()),
    utcnow: () => new PyDateTime(now()),
    strptime: (text: string) => new PyDateTime(new Date(text.includes('T') || text.includes(' ') ? text.replace(' ', 'T') + 'Z' : `${text}T00:00:00Z`)),
    fromisoformat: (text: string) => new PyDateTime(new Date(text.replace(' ', 'T') + (text.length > 10 ? 'Z' : 'T00:00:00Z'))),
  });
  const dateClass = Object.assign((y: number, m: number, d: number) => new PyDateTime(new Date(Date.UTC(y, m - 1, d)), true), {
    today: () => new PyDateTime(now(), true).date(),
  });
  const datetime = { datetime: datetimeClass, date: dateClass, timedelta, timezone: { utc: 'UTC' } };
  const re = {
    match: (p: string, s: string) => new RegExp(`^(?:${p})`).exec(s),
    search: (p: string, s: string) => new RegExp(p).exec(s),
    sub: (p: string, r: string, s: string) => s.replace(new RegExp(p, 'g'), r),
    findall: (p: string, s: string) => [...s.matchAll(new RegExp(p, 'g'))].map((m) => m[1] ?? m[0]),
    split: (p: string, s: string) => s.split(new RegExp(p)),
  };
  return { datetime, re, pytz: { utc: 'UTC', timezone: (n: string) => n } };
}

/** The shared `modules` object (stateless apart from reading the clock), built once. */
export const sharedPythonModules: Record<string, unknown> = pythonModules(() => new Date());
