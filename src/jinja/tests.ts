// Does: the table of Jinja's built-in tests (`x is defined`, `x is divisibleby 3`, `x is eq 1`...).
// Does not: evaluate test expressions (compiler.ts does).
import { macroInfo } from './attributes.js';
import { generatorKind, isDict, isFloat, isInt, num, pyCompare, pyContains, pyEq, pyStr, isNumeric } from './python-values.js';
import { STR_METHODS } from './python-methods.js';
import { param, type TestFn } from './registry.js';
import { Markup, Undefined } from './runtime.js';

const other = (a: unknown[], k: Record<string, unknown>): unknown => param(a, k, 0, 'other', undefined);
const cmp = (op: string, pred: (c: number) => boolean): TestFn => (_r, v, a, k) => pred(pyCompare(v, other(a, k), op));

/** All built-in tests by name, including the operator aliases. */
export const BUILTIN_TESTS: Record<string, TestFn> = {
  odd: (_r, v) => Math.abs(num(v) % 2) === 1,
  even: (_r, v) => num(v) % 2 === 0,
  divisibleby: (_r, v, a, k) => num(v) % num(param(a, k, 0, 'num', undefined)) === 0,
  defined: (_r, v) => !(v instanceof Undefined),
  undefined: (_r, v) => v instanceof Undefined,
  filter: (r, v) => typeof v === 'string' && r.filters.has(v),
  test: (r, v) => typeof v === 'string' && r.tests.has(v),
  none: (_r, v) => v === null || v === undefined,
  boolean: (_r, v) => typeof v === 'boolean',
  false: (_r, v) => v === false,
  true: (_r, v) => v === true,
  integer: (_r, v) => isInt(v),
  float: (_r, v) => isFloat(v),
  lower: (_r, v) => STR_METHODS.islower!(pyStr(v), [], {}) as boolean,
  upper: (_r, v) => STR_METHODS.isupper!(pyStr(v), [], {}) as boolean,
  string: (_r, v) => typeof v === 'string' || v instanceof Markup,
  mapping: (_r, v) => isDict(v),
  number: (_r, v) => isNumeric(v),
  sequence: (_r, v) => typeof v === 'string' || v instanceof Markup || (Array.isArray(v) && generatorKind(v) === undefined) || isDict(v) || v instanceof Undefined,
  iterable: (_r, v) =>
    typeof v === 'string' || v instanceof Markup || Array.isArray(v) || isDict(v) || v instanceof Undefined || (v !== null && typeof v === 'object' && Symbol.iterator in v),
  sameas: (_r, v, a, k) => {
    const o = other(a, k);
    return v === o || ((v === null || v === undefined) && (o === null || o === undefined));
  },
  // Undefined defines __call__ (it raises), so Python's callable() says True.
  callable: (_r, v) => typeof v === 'function' || macroInfo(v) !== undefined || v instanceof Undefined,
  escaped: (_r, v) => v instanceof Markup,
  in: (_r, v, a, k) => pyContains(param(a, k, 0, 'seq', undefined), v),
  eq: (_r, v, a, k) => pyEq(v, other(a, k)),
  ne: (_r, v, a, k) => !pyEq(v, other(a, k)),
  lt: cmp('<', (c) => c < 0),
  le: cmp('<=', (c) => c <= 0),
  gt: cmp('>', (c) => c > 0),
  ge: cmp('>=', (c) => c >= 0),
};
BUILTIN_TESTS['=='] = BUILTIN_TESTS.eq!;
BUILTIN_TESTS.equalto = BUILTIN_TESTS.eq!;
BUILTIN_TESTS['!='] = BUILTIN_TESTS.ne!;
BUILTIN_TESTS['<'] = BUILTIN_TESTS.lt!;
BUILTIN_TESTS.lessthan = BUILTIN_TESTS.lt!;
BUILTIN_TESTS['<='] = BUILTIN_TESTS.le!;
BUILTIN_TESTS['>'] = BUILTIN_TESTS.gt!;
BUILTIN_TESTS.greaterthan = BUILTIN_TESTS.gt!;
BUILTIN_TESTS['>='] = BUILTIN_TESTS.ge!;
