import { createColors } from 'picocolors';
import { isMercatorError, EXIT } from '../errors/index.js';
import { codeFrame } from './code-frame.js';

/** Renders an error for the terminal: code, message, location, hint; the stack only with --debug; ANSI colours only when asked. */
export function renderError(err: unknown, debug: boolean, color = false): { text: string; exit: number } {
  const pc = createColors(color);
  if (isMercatorError(err)) {
    const lines = [`${pc.red(pc.bold('Error'))} ${pc.dim(`[${err.code}]`)} ${err.message}`];
    if (err.location?.node) lines.push(`  in ${err.location.node}`);
    if (err.location?.file && err.location.line) {
      const frame = codeFrame(err.location.file, err.location.line, err.location.column);
      if (frame) lines.push(frame);
    }
    if (err.location?.sql && debug) lines.push(`  SQL: ${err.location.sql}`);
    if (err.hint) lines.push(`  ${pc.cyan('hint:')} ${err.hint}`);
    if (err.cause instanceof Error && err.cause.message && !err.message.includes(err.cause.message.slice(0, 60))) {
      lines.push(`  ${pc.dim('cause:')} ${err.cause.message}`);
    }
    if (debug && err.stack) lines.push(pc.dim(err.stack));
    return { text: lines.join('\n'), exit: err.exit };
  }
  const message = err instanceof Error ? err.message : String(err);
  const lines = [`${pc.red(pc.bold('Error'))} ${pc.dim('[INTERNAL]')} Unexpected internal error: ${message}`];
  lines.push(`  ${pc.cyan('hint:')} This is a bug in Mercator. Rerun with --debug and report the stack trace.`);
  if (debug && err instanceof Error && err.stack) lines.push(pc.dim(err.stack));
  return { text: lines.join('\n'), exit: EXIT.internal };
}

/** The JSON form of an error for `--log-format json`. */
export function renderErrorJson(err: unknown): { json: string; exit: number } {
  if (isMercatorError(err)) return { json: JSON.stringify({ level: 'error', type: 'Error', ...err.toJson() }), exit: err.exit };
  const message = err instanceof Error ? err.message : String(err);
  return { json: JSON.stringify({ level: 'error', type: 'Error', code: 'INTERNAL', message }), exit: EXIT.internal };
}
