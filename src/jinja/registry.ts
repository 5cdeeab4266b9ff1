// Does: the shapes of filter and test implementations and the registry they are looked up in.
// Does not: hold the built-ins (filters.ts, tests.ts).

/** Lookup of filters and tests, passed to filters that apply other filters (map, select...). */
export interface Registry {
  filters: Map<string, FilterFn>;
  tests: Map<string, TestFn>;
}

/** A filter: receives the registry, the input value, positional and keyword arguments. */
export type FilterFn = (reg: Registry, value: unknown, args: unknown[], kw: Record<string, unknown>) => unknown;

/** A test: like a filter, returns a truth value. */
export type TestFn = (reg: Registry, value: unknown, args: unknown[], kw: Record<string, unknown>) => boolean;

/** Positional-or-keyword argument `i`/`name` with a default. */
export function param(args: unknown[], kw: Record<string, unknown>, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (Object.hasOwn(kw, name)) return kw[name];
  return dflt;
}
