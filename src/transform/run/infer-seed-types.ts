/** dbt's seed type inference order: integer, number, date, datetime, ISO datetime, boolean (true/false only), text. */
export type SeedType = 'integer' | 'bigint' | 'number' | 'date' | 'datetime' | 'boolean' | 'text';

const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const BOOLEAN = /^(true|false)$/i;

/** True for the text dbt reads as NULL in a seed: the empty string and `null`. */
export const isSeedNull = (v: string): boolean => v === '' || v.toLowerCase() === 'null';

/** The narrowest type every non-null value of a column fits, trying dbt's types in order. */
export function inferSeedType(values: readonly string[]): SeedType {
  const present = values.filter((v) => !isSeedNull(v));
  if (present.length === 0) return 'text';
  if (present.every((v) => INTEGER.test(v))) {
    return present.every((v) => Math.abs(Number(v)) <= 2_147_483_647) ? 'integer' : 'bigint';
  }
  if (present.every((v) => NUMBER.test(v))) return 'number';
  if (present.every((v) => DATE.test(v) && !Number.isNaN(Date.parse(v)))) return 'date';
  if (present.every((v) => DATETIME.test(v))) return 'datetime';
  if (present.every((v) => BOOLEAN.test(v))) return 'boolean';
  return 'text';
}

/** SQL type of an inferred seed type. */
export const SEED_SQL_TYPE: Record<SeedType, string> = {
  integer: 'integer',
  bigint: 'bigint',
  number: 'double',
  date: 'date',
  datetime: 'timestamp',
  boolean: 'boolean',
  text: 'varchar',
};
