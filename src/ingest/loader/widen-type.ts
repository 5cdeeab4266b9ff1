// Does: decides the narrowest type holding the values of two column types (schema evolution).
// Does not: change any table.

const INTEGER_RANK: Record<string, number> = {
  TINYINT: 1, UTINYINT: 1, SMALLINT: 2, USMALLINT: 2, INTEGER: 3, UINTEGER: 3, INT: 3, BIGINT: 4, UBIGINT: 5, HUGEINT: 5,
};
const FLOAT_RANK: Record<string, number> = { FLOAT: 1, REAL: 1, DOUBLE: 2 };
const TEMPORAL_RANK: Record<string, number> = { DATE: 1, 'TIMESTAMP_S': 2, 'TIMESTAMP_MS': 2, TIMESTAMP: 3, 'TIMESTAMP_NS': 3, 'TIMESTAMP WITH TIME ZONE': 4, TIMESTAMPTZ: 4 };

/** Canonical upper-case spelling of an engine type name. */
export function normaliseType(type: string): string {
  return type.trim().toUpperCase().replace(/\s+/g, ' ');
}

/**
 * The type a column must have to hold values of both `current` and `incoming`: `current` when it
 * already does, a wider numeric or temporal type when one exists, else VARCHAR (text holds everything).
 */
export function widenType(current: string, incoming: string): string {
  const a = normaliseType(current);
  const b = normaliseType(incoming);
  if (a === b || b === 'NULL' || b === '"NULL"') return a;
  if (a === 'VARCHAR') return a;
  const intA = INTEGER_RANK[a];
  const intB = INTEGER_RANK[b];
  if (intA !== undefined && intB !== undefined) return intA >= intB ? a : b;
  const floatA = FLOAT_RANK[a];
  const floatB = FLOAT_RANK[b];
  if ((intA !== undefined || floatA !== undefined) && (intB !== undefined || floatB !== undefined)) {
    if (floatA !== undefined && floatB !== undefined) return floatA >= floatB ? a : b;
    return 'DOUBLE';
  }
  const decA = decimalOf(a);
  const decB = decimalOf(b);
  if (decA && decB) {
    const scale = Math.max(decA.scale, decB.scale);
    const whole = Math.max(decA.precision - decA.scale, decB.precision - decB.scale);
    return whole + scale <= 38 ? `DECIMAL(${whole + scale},${scale})` : 'DOUBLE';
  }
  if ((decA && intB !== undefined) || (decB && intA !== undefined)) {
    const dec = (decA ?? decB)!;
    const whole = Math.max(dec.precision - dec.scale, 20);
    return whole + dec.scale <= 38 ? `DECIMAL(${whole + dec.scale},${dec.scale})` : 'DOUBLE';
  }
  if ((decA && floatB !== undefined) || (decB && floatA !== undefined)) return 'DOUBLE';
  const tA = TEMPORAL_RANK[a];
  const tB = TEMPORAL_RANK[b];
  if (tA !== undefined && tB !== undefined) return tA >= tB ? a : b;
  return 'VARCHAR';
}

function decimalOf(type: string): { precision: number; scale: number } | undefined {
  const match = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  return match ? { precision: Number(match[1]), scale: Number(match[2]) } : undefined;
}
