import { randomBytes } from 'node:crypto';

/** A new load id: UTC time to the millisecond plus 6 random hex digits, so ids sort by start time. */
export function newLoadId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}_${randomBytes(3).toString('hex')}`;
}
