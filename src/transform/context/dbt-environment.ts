import { Environment } from '../../jinja/index.js';

const truthy = (v: unknown): boolean => (typeof v === 'string' ? v.trim().toLowerCase() === 'true' : Boolean(v));

/** A Jinja environment (filters receive the filtered value first, as Jinja calls them) with dbt's extra filters (as_bool, as_number, as_text, as_native). */
export function createDbtEnvironment(): Environment {
  return new Environment({
    filters: {
      as_bool: (v: unknown) => truthy(v),
      as_number: (v: unknown) => (typeof v === 'number' ? v : Number(v)),
      as_text: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
      as_native: (v: unknown) => v,
    },
  });
}
