// Does: turns errors raised while evaluating a node into TemplateErrors carrying template name, line and column.
// Does not: touch control-flow signals (break, continue, macro return) or errors that already carry a location.
import { RawRuntimeError, TemplateError, TemplateRuntimeError, UndefinedError } from './errors.js';
import { BreakSignal, ContinueSignal, MacroReturn, Undefined } from './runtime.js';
import { objectTypeRepr } from './python-values.js';

/** The located error to throw for `e` raised at `line`/`column` of template `name`. */
export function locateError(e: unknown, name: string, line: number, column: number): unknown {
  if (e instanceof TemplateError || e instanceof MacroReturn || e instanceof BreakSignal || e instanceof ContinueSignal) return e;
  if (e instanceof RawRuntimeError) {
    return e.kind === 'undefined' ? new UndefinedError(e.message, name, line, column) : new TemplateRuntimeError(e.message, name, line, column);
  }
  if (e instanceof Error) return new TemplateRuntimeError(e.message, name, line, column, { cause: e });
  return new TemplateRuntimeError(String(e), name, line, column, { cause: e });
}

/** The UndefinedError for misusing `v` (strict mode rendering, iteration...). */
export function undefinedError(v: Undefined): RawRuntimeError {
  return new RawRuntimeError(v.message(objectTypeRepr), 'undefined');
}
