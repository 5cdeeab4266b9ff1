// Does: holds globals, filters and tests, and compiles templates from strings with a cache keyed by name and source.
// Does not: load templates from files (no loader; includes/imports/extends are not supported).
import { callValue } from './attributes.js';
import { BUILTIN_FILTERS } from './filters.js';
import { defaultGlobals } from './globals.js';
import type { FilterFn, Registry, TestFn } from './registry.js';
import type { EnvData } from './scope.js';
import { Template } from './template.js';
import { truthy } from './python-values.js';

/** Options of an Environment; filters and tests receive (value, ...args, Kwargs?) like any JS function. */
export interface EnvironmentOptions {
  globals?: Record<string, unknown>;
  filters?: Record<string, Function>;
  tests?: Record<string, Function>;
  /**
   * 'default' is Jinja's Undefined; 'strict' makes rendering, iterating or testing an undefined value an error
   * (StrictUndefined); 'lenient' makes undefined names chainable and callable (`a.b(c).d` renders empty), for a
   * first pass over templates that only collects the calls they make.
   */
  undefinedMode?: 'default' | 'strict' | 'lenient';
  /**
   * Custom block tags that define macros, mapped to the prefix of the macro's name:
   * `{ test: 'test_' }` makes `{% test not_null(model) %}...{% endtest %}` define the macro `test_not_null`.
   */
  macroTags?: Record<string, string>;
  /** Most templates kept compiled (default 20,000); the cache is emptied when it is full. */
  cacheSize?: number;
}

import { BUILTIN_TESTS } from './tests.js';

/** A template environment configured as dbt configures Jinja (no autoescape, no trim/lstrip blocks). */
export class Environment {
  /** Globals visible to every template; add entries freely. */
  readonly globals: Record<string, unknown>;
  private readonly registry: Registry;
  private readonly data: EnvData;
  /** name -> source -> template; two levels so a lookup hashes the caller's source string, not a fresh concatenation. */
  private readonly cache = new Map<string, Map<string, Template>>();
  private cached = 0;
  private readonly cacheSize: number;

  constructor(options: EnvironmentOptions = {}) {
    this.globals = { ...defaultGlobals(), ...(options.globals ?? {}) };
    this.registry = { filters: new Map(Object.entries(BUILTIN_FILTERS)), tests: new Map(Object.entries(BUILTIN_TESTS)) };
    for (const [k, f] of Object.entries(options.filters ?? {})) this.addFilter(k, f);
    for (const [k, f] of Object.entries(options.tests ?? {})) this.addTest(k, f);
    this.data = {
      registry: this.registry,
      globals: this.globals,
      strict: options.undefinedMode === 'strict',
      lenient: options.undefinedMode === 'lenient',
      macroTags: { ...(options.macroTags ?? {}) },
    };
    this.cacheSize = options.cacheSize ?? 20_000;
  }

  /** Registers a JS filter called as fn(value, ...args, Kwargs?). */
  addFilter(name: string, fn: Function): void {
    const f: FilterFn = (_r, v, a, k) => callValue(fn, undefined, [v, ...a], k);
    this.registry.filters.set(name, f);
    this.cache.clear();
    this.cached = 0;
  }

  /** Registers a JS test called as fn(value, ...args, Kwargs?). */
  addTest(name: string, fn: Function): void {
    const t: TestFn = (_r, v, a, k) => truthy(callValue(fn, undefined, [v, ...a], k));
    this.registry.tests.set(name, t);
    this.cache.clear();
    this.cached = 0;
  }

  /** Parses and compiles `source` (cached by name and source); throws TemplateSyntaxError. */
  fromString(source: string, name = '<template>'): Template {
    let byName = this.cache.get(name);
    const hit = byName?.get(source);
    if (hit) return hit;
    const t = new Template(this.data, source, name);
    if (this.cached >= this.cacheSize) {
      this.cache.clear();
      this.cached = 0;
      byName = undefined;
    }
    if (!byName) {
      byName = new Map();
      this.cache.set(name, byName);
    }
    byName.set(source, t);
    this.cached++;
    return t;
  }

  /** Parses and compiles `source` without caching it, for callers that keep the template themselves (no cache entry per name). */
  compile(source: string, name = '<template>'): Template {
    return new Template(this.data, source, name);
  }

  /** Compiles (or reuses) and renders `source` with `context`. */
  renderString(source: string, context?: Record<string, unknown>, name?: string): string {
    return this.fromString(source, name).render(context);
  }
}
