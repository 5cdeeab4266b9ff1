import { Environment } from '../../jinja/index.js';

const truthy = (v: unknown): boolean => (typeof v === 'string' ? v.trim().toLowerCase() === 'true' : Boolean(v));

/** A Jinja environment with dbt's extra filters (as_bool, as_number, as_text, as_native). */
export function createDbtEnvironment(): Environment {
  return new Environment({
    filters: {
      as_bool: (_reg: unknown, v: unknown) => truthy(v),
      as_number: (_reg: unknown, v: unknown) => (typeof v === 'number' ? v : Number(v)),
      as_text: (_reg: unknown, v: unknown) => (v === null || v === undefined ? '' : String(v)),
      as_native: (_reg: unknown, v: unknown) => v,
    },
  });
}
