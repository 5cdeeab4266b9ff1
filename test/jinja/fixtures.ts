// Does: the JS twins of the context objects scripts/jinja-goldens.py gives Jinja2 (adapter, this, ref, var, config, log).
// Does not: model dbt itself; they only exercise method calls, kwargs and __str__ the way a dbt context does.
import { Kwargs, repr } from '../../src/jinja/index.js';

function split(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  return last instanceof Kwargs ? [args.slice(0, -1), last.values] : [args, {}];
}

class Relation {
  readonly name: string;
  constructor(
    readonly database: string | null,
    readonly schema: string | null,
    readonly identifier: string | null,
  ) {
    this.name = identifier ?? '';
  }
  toString(): string {
    return `"${this.database}"."${this.schema}"."${this.identifier}"`;
  }
  render(): string {
    return this.toString();
  }
  include(...args: unknown[]): string {
    const [, kw] = split(args);
    const parts: [string | null, unknown][] = [
      [this.database, kw.database ?? true],
      [this.schema, kw.schema ?? true],
      [this.identifier, kw.identifier ?? true],
    ];
    return parts.filter(([, keep]) => keep).map(([p]) => `"${p}"`).join('.');
  }
}

class Column {
  readonly column: string;
  readonly data_type: string;
  constructor(
    readonly name: string,
    readonly dtype: string,
  ) {
    this.column = name;
    this.data_type = dtype;
  }
  is_number(): boolean {
    return this.dtype.startsWith('integer') || this.dtype.startsWith('decimal');
  }
  is_string(): boolean {
    return this.dtype.startsWith('varchar');
  }
}

class Adapter {
  readonly config = { quoting: { identifier: true }, threads: 4 };
  quote(identifier: string): string {
    return `"${identifier}"`;
  }
  type(): string {
    return 'duckdb';
  }
  dispatch(...args: unknown[]): (...a: unknown[]) => string {
    const [[macroName, nsPos], kw] = split(args);
    const ns = (nsPos ?? kw.macro_namespace ?? null) as string | null;
    const prefix = ns ? `${ns}.` : '';
    return (...callArgs: unknown[]) => {
      const [pos, ckw] = split(callArgs);
      const parts = [...pos.map(repr), ...Object.entries(ckw).map(([k, v]) => `${k}=${repr(v)}`)];
      return `duckdb__${prefix}${String(macroName)}(${parts.join(', ')})`;
    };
  }
  get_columns_in_relation(): Column[] {
    return [new Column('id', 'integer'), new Column('name', 'varchar'), new Column('amount', 'decimal(18,2)')];
  }
}

function makeConfig(values: Record<string, unknown>): unknown {
  const fn = (...args: unknown[]): string => {
    const [, kw] = split(args);
    Object.assign(values, kw);
    return '';
  };
  return Object.assign(fn, {
    get: (...args: unknown[]) => {
      const [[key, dflt], kw] = split(args);
      const d = dflt ?? kw.default ?? null;
      return Object.hasOwn(values, String(key)) ? values[String(key)] : d;
    },
    require: (key: string) => values[key],
  });
}

/** Builds the named fixtures for one case. */
export function makeFixtures(names: string[]): Record<string, unknown> {
  const variables: Record<string, unknown> = { start_date: '2024-01-01', limit: 10, flags: { full: true } };
  const out: Record<string, unknown> = {};
  for (const name of names) {
    switch (name) {
      case 'adapter': out.adapter = new Adapter(); break;
      case 'this': out.this = new Relation('analytics', 'marts', 'orders'); break;
      case 'ref': out.ref = (model: string) => new Relation('analytics', 'main', model); break;
      case 'source': out.source = (src: string, table: string) => new Relation('raw', src, table); break;
      case 'var': out.var = (...args: unknown[]) => {
        const [[key, dflt], kw] = split(args);
        return Object.hasOwn(variables, String(key)) ? variables[String(key)] : (dflt ?? kw.default ?? null);
      }; break;
      case 'config': out.config = makeConfig({ materialized: 'view', tags: ['daily'] }); break;
      case 'log': out.log = () => ''; break;
      default: throw new Error(`unknown fixture ${name}`);
    }
  }
  return out;
}
