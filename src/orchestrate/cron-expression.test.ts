import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextCronRuns, parseCron } from './cron-expression.js';

const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString().slice(0, 16));
const next = (cron: string, after: string, count: number, zone?: string): string[] => iso(nextCronRuns(parseCron(cron), new Date(after), count, zone));

function syntaxError(cron: string): CronSyntaxError {
  try {
    parseCron(cron);
  } catch (err) {
    if (err instanceof CronSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${cron} to be rejected`);
}

describe('nextCronRuns', () => {
  it('runs daily at 06:00, strictly after the given instant', () => {
    expect(next('0 6 * * *', '2026-11-23T06:00:00Z', 3)).toEqual(['2026-11-24T06:00', '2026-11-25T06:00', '2026-11-26T06:00']);
    expect(next('0 6 * * *', '2026-11-23T05:59:30Z', 1)).toEqual(['2026-11-23T06:00']);
  });

  it('steps every 15 minutes and rolls over the hour and the day', () => {
    expect(next('*/15 * * * *', '2026-12-31T23:31:00Z', 4)).toEqual(['2026-12-31T23:45', '2027-01-01T00:00', '2027-01-01T00:15', '2027-01-01T00:30']);
  });

  it('reads ranges, lists and a stepped range', () => {
    // Mon-Fri at 09:30; 2026-11-27 is a Friday.
    expect(next('30 9 * * 1-5', '2026-11-27T10:00:00Z', 2)).toEqual(['2026-11-30T09:30', '2026-12-01T09:30']);
    expect(next('0 8-18/5 * * *', '2026-11-23T00:00:00Z', 4)).toEqual(['2026-11-23T08:00', '2026-11-23T13:00', '2026-11-23T18:00', '2026-11-24T08:00']);
    expect(next('5,45 0 1,15 * *', '2026-11-14T00:00:00Z', 3)).toEqual(['2026-11-15T00:05', '2026-11-15T00:45', '2026-12-01T00:05']);
  });

  it('takes month and day names, and 7 as Sunday', () => {
    expect(next('0 0 * FEB SUN', '2027-01-01T00:00:00Z', 2)).toEqual(['2027-02-07T00:00', '2027-02-14T00:00']);
    expect(next('0 0 * * 7', '2026-11-23T00:00:00Z', 1)).toEqual(['2026-11-29T00:00']);
  });

  it('runs when either day field matches if both are restricted, as cron does', () => {
    // The 1st of the month or any Monday; 2026-12-01 is a Tuesday.
    expect(next('0 12 1 * MON', '2026-11-27T00:00:00Z', 3)).toEqual(['2026-11-30T12:00', '2026-12-01T12:00', '2026-12-07T12:00']);
  });

  it('finds 29 February years ahead', () => {
    expect(next('0 0 29 2 *', '2026-11-23T00:00:00Z', 2)).toEqual(['2028-02-29T00:00', '2032-02-29T00:00']);
  });

  it('computes wall times in a time zone across daylight-saving changes', () => {
    // Europe/Berlin: UTC+1 in winter, UTC+2 from 2027-03-28.
    expect(next('0 6 * * *', '2027-03-26T12:00:00Z', 3, 'Europe/Berlin')).toEqual(['2027-03-27T05:00', '2027-03-28T04:00', '2027-03-29T04:00']);
    // 02:30 does not exist on 2027-03-28 in Berlin: that day is skipped.
    expect(next('30 2 * * *', '2027-03-27T12:00:00Z', 2, 'Europe/Berlin')).toEqual(['2027-03-29T00:30', '2027-03-30T00:30']);
    // 02:30 happens twice on 2027-10-31: it runs once.
    expect(next('30 2 * * *', '2027-10-30T12:00:00Z', 2, 'Europe/Berlin')).toEqual(['2027-10-31T00:30', '2027-11-01T01:30']);
  });
});

describe('parseCron', () => {
  it('names the field and the problem', () => {
    expect(syntaxError('0 24 * * *').message).toBe('hour: 24 is outside 0-23');
    expect(syntaxError('*/0 * * * *').message).toBe('minute: step `0` must be a whole number of at least 1');
    expect(syntaxError('0 6 * * 5-1').message).toBe('day-of-week: range `5-1` runs backwards');
    expect(syntaxError('0 6 * * *  *').message).toBe('expression: expected 5 fields (minute hour day-of-month month day-of-week), got 6');
    expect(syntaxError('0 6 * FOO *').message).toBe('month: `FOO` is not a number or a name');
    expect(syntaxError('0 6 1,,2 * *').message).toBe('day-of-month: empty list item in `1,,2`');
    expect(syntaxError('0 0 31 2 *').message).toBe('day-of-month: no day in `31` exists in month `2`');
  });
});
