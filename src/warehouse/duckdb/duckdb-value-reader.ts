// Does: converts DuckDB result values into lossless SqlValues (bigint, SqlDecimal, canonical date/time text).
// Does not: produce JSON; json-row.ts does that explicitly at the API edge.
import type { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampTZValue, DuckDBValue, DuckDBValueConverter } from '@duckdb/node-api';
import { duckdb } from './duckdb-node-api.js';
import { SqlDecimal, type SqlValue } from '../warehouse.js';

const { DuckDBTimestampValue, DuckDBTypeId, arrayFromArrayValue, arrayFromListValue, bigintFromBigIntValue, booleanFromValue, bytesFromBlobValue, bytesFromGeometryValue, createDuckDBValueConverter, fromVariantValue, nullConverter, numberFromValue, objectArrayFromMapValue, objectFromStructValue, objectFromUnionValue, stringFromValue, unsupportedConverter } = duckdb;

function decimalFromValue(value: DuckDBValue): SqlDecimal {
  const decimal = value as DuckDBDecimalValue;
  return new SqlDecimal(BigInt(decimal.value), decimal.scale);
}

// A plain Uint8Array view (no copy): the engine hands out Buffers, which compare unequal to Uint8Array.
function bytesFrom(read: (value: DuckDBValue) => Uint8Array): (value: DuckDBValue) => Uint8Array {
  return (value) => {
    const bytes = read(value);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

// The library prints infinite dates as far-future dates; DuckDB's own text is `infinity` / `-infinity`.
function textFromDate(value: DuckDBValue): string {
  const date = value as DuckDBDateValue;
  if (date.isFinite) return date.toString();
  return date.days > 0 ? 'infinity' : '-infinity';
}

// Rendered in UTC (`+00`) so the text does not depend on the process time zone.
function utcTextFromTimestampTz(value: DuckDBValue): string {
  const ts = value as DuckDBTimestampTZValue;
  const text = new DuckDBTimestampValue(ts.micros).toString();
  return ts.isFinite ? `${text}+00` : text;
}

const id = DuckDBTypeId;
type Converter = DuckDBValueConverter<SqlValue>;

/** Lossless reading of every DuckDB type: integers ≥ 64 bit as bigint, DECIMAL as SqlDecimal, temporal types as text. */
export const duckdbValueReader: Converter = createDuckDBValueConverter<SqlValue>({
  [id.INVALID]: unsupportedConverter,
  [id.BOOLEAN]: booleanFromValue,
  [id.TINYINT]: numberFromValue,
  [id.SMALLINT]: numberFromValue,
  [id.INTEGER]: numberFromValue,
  [id.BIGINT]: bigintFromBigIntValue,
  [id.UTINYINT]: numberFromValue,
  [id.USMALLINT]: numberFromValue,
  [id.UINTEGER]: numberFromValue,
  [id.UBIGINT]: bigintFromBigIntValue,
  [id.FLOAT]: numberFromValue,
  [id.DOUBLE]: numberFromValue,
  [id.TIMESTAMP]: stringFromValue,
  [id.DATE]: textFromDate,
  [id.TIME]: stringFromValue,
  [id.INTERVAL]: stringFromValue,
  [id.HUGEINT]: bigintFromBigIntValue,
  [id.UHUGEINT]: bigintFromBigIntValue,
  [id.VARCHAR]: stringFromValue,
  [id.BLOB]: bytesFrom(bytesFromBlobValue),
  [id.DECIMAL]: decimalFromValue,
  [id.TIMESTAMP_S]: stringFromValue,
  [id.TIMESTAMP_MS]: stringFromValue,
  [id.TIMESTAMP_NS]: stringFromValue,
  [id.ENUM]: stringFromValue,
  [id.LIST]: arrayFromListValue as Converter,
  [id.STRUCT]: objectFromStructValue as Converter,
  // Entries keep keys of any type; an object would force them to strings.
  [id.MAP]: objectArrayFromMapValue as Converter,
  [id.ARRAY]: arrayFromArrayValue as Converter,
  [id.UUID]: stringFromValue,
  [id.UNION]: objectFromUnionValue as Converter,
  [id.BIT]: stringFromValue,
  [id.TIME_TZ]: stringFromValue,
  [id.TIMESTAMP_TZ]: utcTextFromTimestampTz,
  [id.ANY]: unsupportedConverter,
  [id.BIGNUM]: bigintFromBigIntValue,
  [id.SQLNULL]: nullConverter,
  [id.STRING_LITERAL]: unsupportedConverter,
  [id.INTEGER_LITERAL]: unsupportedConverter,
  [id.TIME_NS]: stringFromValue,
  [id.GEOMETRY]: bytesFrom(bytesFromGeometryValue),
  [id.VARIANT]: fromVariantValue as Converter,
});
