import { errorRegistry, type ErrorCode } from './error-registry.js';
import { formatTemplate } from './error-spec.js';

/** Where an error happened, as precisely as known. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  node?: string;
  sql?: string;
}

/** Options of a MercatorError beyond its code and params. */
export interface MercatorErrorOptions {
  cause?: unknown;
  location?: ErrorLocation;
  /** Overrides the registry hint when the fix is known more precisely at the throw site. */
  hint?: string;
}

/** The one error class of Mercator: a registered code, a filled message, a hint and the cause. */
export class MercatorError extends Error {
  override readonly name = 'MercatorError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly exit: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly location: ErrorLocation | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, options: MercatorErrorOptions = {}) {
    const spec = errorRegistry[code];
    super(formatTemplate(spec.message, params), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.params = Object.freeze({ ...params });
    this.hint = options.hint ?? formatTemplate(spec.hint, params);
    this.exit = spec.exit;
    this.location = options.location;
  }

  /** A plain object for `--log-format json` and the API. */
  toJson(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      location: this.location,
      cause: this.cause instanceof Error ? this.cause.message : this.cause === undefined ? undefined : String(this.cause),
    };
  }
}

/** True when `err` is a MercatorError, optionally with the given code. */
export function isMercatorError(err: unknown, code?: ErrorCode): err is MercatorError {
  return err instanceof MercatorError && (code === undefined || err.code === code);
}
