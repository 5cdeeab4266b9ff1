// Does: a compiled template: render it with a context, or run its top level to get its macros and variables.
// Does not: cache or look templates up by name (environment.ts does the caching).
import { StmtCompiler, type StmtFn } from './compile-stmt.js';
import { ExprCompiler } from './compile-expr.js';
import { normalizeSource, tokenize } from './lexer.js';
import { Parser } from './parser.js';
import { Scope, type EnvData, type Out, type RenderState } from './scope.js';

/** A parsed and compiled template. */
export class Template {
  /** Names of macros defined at top level (without running anything). */
  readonly macroNames: string[];
  private readonly body: StmtFn;

  constructor(
    private readonly env: EnvData,
    source: string,
    /** The name errors report. */
    readonly name: string,
  ) {
    const tokens = tokenize(normalizeSource(source), name);
    const ast = new Parser(tokens, name, env.macroTags).parseTemplate();
    this.macroNames = ast.filter((s) => s.kind === 'macro').map((s) => (s as { name: string }).name);
    this.body = new StmtCompiler(new ExprCompiler(env.registry, name)).block(ast, false);
  }

  private state(context: Record<string, unknown> | undefined): RenderState {
    const ctx = context ?? {};
    return { name: this.name, ctx, env: this.env };
  }

  /** Renders the template with `context` (plain object, class instance or Proxy). */
  render(context?: Record<string, unknown>): string {
    const out: Out = { s: '' };
    this.body(this.state(context), new Scope(null), out);
    return out.s;
  }

  /** Runs the top level with `context` and returns the macros and top-level variables it defines. */
  module(context?: Record<string, unknown>): Record<string, unknown> {
    const root = new Scope(null);
    this.body(this.state(context), root, { s: '' });
    const out: Record<string, unknown> = {};
    for (const [k, v] of root.vars) out[k] = v;
    return out;
  }
}
