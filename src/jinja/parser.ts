// Does: parses a token list into statements (if, for, set, macro, call, filter, with, do, break/continue) over the expression parser.
// Does not: check that filters/tests exist (the compiler does) or support template inheritance/includes.
import type { Expr, Params, Stmt, Target } from './nodes.js';
import { ExprParser } from './parse-expr.js';
import type { Token } from './tokens.js';

/** Recursive-descent parser over one template's tokens. */
export class Parser extends ExprParser {
  constructor(
    tokens: Token[],
    name: string,
    /** Extra block tags that define a macro: tag -> prefix of the macro name (`{% test x(a) %}` -> `test_x`). */
    private readonly macroTags: Record<string, string> = {},
  ) {
    super(tokens, name);
  }

  /** Parses the whole template into its top-level statements. */
  parseTemplate(): Stmt[] {
    const body = this.subparse(null);
    return body;
  }

  protected subparse(endTokens: string[] | null): Stmt[] {
    const body: Stmt[] = [];
    for (;;) {
      const t = this.cur;
      if (t.type === 'eof') return body;
      if (t.type === 'data') {
        body.push({ kind: 'data', text: t.value, line: t.line, column: t.column });
        this.i++;
      } else if (t.type === 'var_begin') {
        this.i++;
        const expr = this.parseTuple({});
        body.push({ kind: 'output', expr, line: t.line, column: t.column });
        this.expectType('var_end', 'end of print statement');
      } else if (t.type === 'block_begin') {
        this.i++;
        if (endTokens && this.cur.type === 'name' && endTokens.includes(this.cur.value)) return body;
        body.push(this.parseStatement());
        this.expectType('block_end', 'end of statement block');
      } else {
        this.fail('internal parser error');
      }
    }
  }

  protected parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.skipOp(':');
    this.expectType('block_end', 'end of statement block');
    const body = this.subparse(endTokens);
    if (this.cur.type === 'eof') this.failEof(endTokens);
    if (dropNeedle) this.i++;
    return body;
  }

  protected parseStatement(): Stmt {
    const t = this.cur;
    if (t.type !== 'name') this.fail('tag name expected');
    this.stack.push(t.value);
    let popped = false;
    try {
      switch (t.value) {
        case 'for': return this.parseFor();
        case 'if': return this.parseIf();
        case 'set': return this.parseSet();
        case 'macro': return this.parseMacro();
        case 'call': return this.parseCallBlock();
        case 'filter': return this.parseFilterBlock();
        case 'with': return this.parseWith();
        case 'do': {
          this.i++;
          return { kind: 'do', expr: this.parseTuple({}), line: t.line, column: t.column };
        }
        case 'break':
        case 'continue':
          this.i++;
          return { kind: t.value, line: t.line, column: t.column };
        default:
          if (Object.hasOwn(this.macroTags, t.value)) return this.parseMacroTag(t.value, this.macroTags[t.value]!);
          this.stack.pop();
          popped = true;
          return this.fail(`Encountered unknown tag '${t.value}'.`, t);
      }
    } finally {
      if (!popped) this.stack.pop();
    }
  }

  protected parseFor(): Stmt {
    const t = this.next();
    const target = this.parseAssignTarget(['in']);
    this.expectName('in');
    const iter = this.parseTuple({ withCondexpr: false, extraEnd: ['recursive'] });
    let filter: Expr | null = null;
    if (this.skipName('if')) filter = this.parseExpression();
    const recursive = this.skipName('recursive');
    const body = this.parseStatements(['endfor', 'else']);
    let orelse: Stmt[] = [];
    if (this.next().value !== 'endfor') orelse = this.parseStatements(['endfor'], true);
    return { kind: 'for', target, iter, body, orelse, filter, recursive, line: t.line, column: t.column };
  }

  protected parseIf(): Stmt {
    const t = this.next();
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const tok = this.next();
    let orelse: Stmt[] = [];
    if (tok.value === 'elif') {
      orelse = [this.parseIf2(tok)];
    } else if (tok.value === 'else') {
      orelse = this.parseStatements(['endif'], true);
    }
    return { kind: 'if', test, body, orelse, line: t.line, column: t.column };
  }
  // An `elif` branch: same as `if` but the keyword was already consumed.
  protected parseIf2(t: Token): Stmt {
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const tok = this.next();
    let orelse: Stmt[] = [];
    if (tok.value === 'elif') orelse = [this.parseIf2(tok)];
    else if (tok.value === 'else') orelse = this.parseStatements(['endif'], true);
    return { kind: 'if', test, body, orelse, line: t.line, column: t.column };
  }

  protected parseSet(): Stmt {
    const t = this.next();
    let target: Target;
    if (this.cur.type === 'name' && this.look().type === 'op' && this.look().value === '.') {
      const n = this.next();
      this.i++;
      const attr = this.expectName();
      target = { kind: 'nsref', name: n.value, attr: attr.value, line: n.line, column: n.column };
    } else {
      target = this.parseAssignTarget(null);
    }
    if (this.skipOp('=')) return { kind: 'set', target, expr: this.parseTuple({}), line: t.line, column: t.column };
    const filter = this.isOp('|') ? this.parseFilter(null, false) : null;
    const body = this.parseStatements(['endset'], true);
    return { kind: 'setblock', target, body, filter, line: t.line, column: t.column };
  }

  protected parseMacro(): Stmt {
    const t = this.next();
    const name = this.expectName().value;
    const params = this.parseSignature();
    const body = this.parseStatements(['endmacro'], true);
    return { kind: 'macro', name, params, body, line: t.line, column: t.column };
  }

  // `{% tag name(params) %}...{% endtag %}` or `{% tag name %}...{% endtag %}` defines the macro prefix + name.
  private parseMacroTag(tag: string, prefix: string): Stmt {
    const t = this.next();
    const name = this.expectName().value;
    const params = this.isOp('(') ? this.parseSignature() : { names: [], defaults: [] };
    const body = this.parseStatements([`end${tag}`], true);
    return { kind: 'macro', name: prefix + name, params, body, line: t.line, column: t.column };
  }

  protected parseSignature(): Params {
    const names: string[] = [];
    const defaults: (Expr | null)[] = [];
    let sawDefault = false;
    this.expectOp('(');
    while (!this.isOp(')')) {
      if (names.length) this.expectOp(',');
      const n = this.expectName();
      if (this.skipOp('=')) {
        defaults.push(this.parseExpression());
        sawDefault = true;
      } else {
        if (sawDefault) this.fail('non-default argument follows default argument');
        defaults.push(null);
      }
      names.push(n.value);
    }
    this.expectOp(')');
    return { names, defaults };
  }

  protected parseCallBlock(): Stmt {
    const t = this.next();
    const params = this.isOp('(') ? this.parseSignature() : { names: [], defaults: [] };
    const call = this.parseExpression();
    if (call.kind !== 'call') this.fail('expected call', t);
    const body = this.parseStatements(['endcall'], true);
    return { kind: 'callblock', call, params, body, line: t.line, column: t.column };
  }

  protected parseFilterBlock(): Stmt {
    const t = this.next();
    const filter = this.parseFilter(null, true);
    const body = this.parseStatements(['endfilter'], true);
    return { kind: 'filterblock', filter, body, line: t.line, column: t.column };
  }

  protected parseWith(): Stmt {
    const t = this.next();
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.cur.type !== 'block_end') {
      if (targets.length) this.expectOp(',');
      targets.push(this.parseAssignTarget(null));
      this.expectOp('=');
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(['endwith'], true);
    return { kind: 'with', targets, values, body, line: t.line, column: t.column };
  }

}
