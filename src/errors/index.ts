// Does: the registry of coded errors (code, message template, hint, exit code) and the MercatorError class.
// Does not: print errors; the CLI renders them (src/cli/render-error.ts).
export { EXIT, formatTemplate, type ErrorSpec } from './error-spec.js';
export { errorRegistry, type ErrorCode } from './error-registry.js';
export { MercatorError, isMercatorError, type ErrorLocation, type MercatorErrorOptions } from './mercator-error.js';
