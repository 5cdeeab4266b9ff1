import { TemplateError } from '../../jinja/index.js';
import { MercatorError, isMercatorError } from '../../errors/index.js';

/** Finds a MercatorError raised by a JS function inside a template (engines wrap such errors as `cause`). */
function innerMercatorError(err: unknown): MercatorError | undefined {
  let current: unknown = err;
  for (let i = 0; i < 10 && current; i++) {
    if (isMercatorError(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turns an error thrown while rendering into a coded error naming the file and line: MercatorErrors raised by
 * ref/source/raise_compiler_error pass through (with the line added), template errors become TRANSFORM_JINJA_ERROR.
 */
export function toTransformError(err: unknown, file: string, lineOffset: number, node?: string): MercatorError {
  const inner = innerMercatorError(err);
  const line = err instanceof TemplateError && err.line > 0 ? err.line + lineOffset - 1 : lineOffset;
  if (inner) {
    if (!inner.location) return new MercatorError(inner.code, { ...inner.params }, { cause: inner.cause, hint: inner.hint, location: { file, line, node } });
    return inner;
  }
  const detail = err instanceof TemplateError ? err.detail : err instanceof Error ? err.message : String(err);
  return new MercatorError('TRANSFORM_JINJA_ERROR', { file, line, detail }, { cause: err, location: { file, line, node } });
}
