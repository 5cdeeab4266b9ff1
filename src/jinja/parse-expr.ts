// Does: the expression half of the parser: token cursor, operators by Jinja2 precedence, calls, filters, tests, targets.
// Does not: parse statements or template structure (parser.ts).
import { TemplateSyntaxError } from './errors.js';
import type { CallArgs, Expr, Pos, Target } from './nodes.js';
import type { Token } from './tokens.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const PRIMARY_START = new Set(['name', 'string', 'int', 'float']);
const MATH2_OPS = new Set(['*', '/', '//', '%']);

/** How a token is named in error messages. */
export function describe(t: Token): string {
  if (t.type === 'eof') return 'end of template';
  if (t.type === 'block_end') return 'end of statement block';
  if (t.type === 'var_end') return 'end of print statement';
  if (t.type === 'block_begin') return 'begin of statement block';
  if (t.type === 'var_begin') return 'begin of print statement';
  return t.value;
}

/** Token cursor plus the expression grammar (precedence climbing as in Jinja2's parser). */
export class ExprParser {
  protected i = 0;
  /** Names of the open block tags, innermost last (for end-of-template messages). */
  protected readonly stack: string[] = [];
  constructor(
    protected readonly tokens: Token[],
    protected readonly name: string,
  ) {}

  protected get cur(): Token {
    return this.tokens[this.i]!;
  }
  protected look(): Token {
    return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)]!;
  }
  protected next(): Token {
    const t = this.cur;
    if (t.type !== 'eof') this.i++;
    return t;
  }
  protected pos(t: Token): Pos {
    return { line: t.line, column: t.column };
  }
  protected fail(msg: string, t: Token = this.cur): never {
    throw new TemplateSyntaxError(msg, this.name, t.line, t.column);
  }
  protected isOp(v: string): boolean {
    return this.cur.type === 'op' && this.cur.value === v;
  }
  protected isName(v: string): boolean {
    return this.cur.type === 'name' && this.cur.value === v;
  }
  protected skipOp(v: string): boolean {
    if (this.isOp(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  protected skipName(v: string): boolean {
    if (this.isName(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  protected expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(`expected token '${v}', got '${describe(this.cur)}'`);
    return this.next();
  }
  protected expectType(type: Token['type'], what: string): Token {
    if (this.cur.type !== type) {
      if (this.cur.type === 'eof') this.failEof(null);
      this.fail(`expected token '${what}', got '${describe(this.cur)}'`);
    }
    return this.next();
  }
  protected expectName(v?: string): Token {
    if (this.cur.type !== 'name' || (v !== undefined && this.cur.value !== v)) {
      if (this.cur.type === 'eof') this.failEof(null);
      this.fail(`expected token '${v ?? 'name'}', got '${describe(this.cur)}'`);
    }
    return this.next();
  }
  protected failEof(endTokens: string[] | null): never {
    const parts: string[] = [];
    if (endTokens) parts.push(`Jinja was looking for the following tags: ${endTokens.map((e) => `'${e}'`).join(' or ')}.`);
    const inner = this.stack[this.stack.length - 1];
    if (inner) parts.push(`The innermost block that needs to be closed is '${inner}'.`);
    this.fail(['Unexpected end of template.', ...parts].join(' '));
  }

  protected parseAssignTarget(extraEnd: string[] | null): Target {
    const start = this.cur;
    const items: Target[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expectOp(',');
      if (this.isTupleEnd(extraEnd)) break;
      items.push(this.parseTargetPrimary());
      if (this.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items[0]) return items[0];
      this.fail(`Expected an expression, got '${describe(this.cur)}'`);
    }
    return { kind: 'tuple', items, line: start.line, column: start.column };
  }

  protected parseTargetPrimary(): Target {
    const t = this.cur;
    if (t.type === 'name') {
      if (['true', 'false', 'True', 'False', 'none', 'None'].includes(t.value)) this.fail("can't assign to 'const'");
      this.i++;
      return { kind: 'name', name: t.value, line: t.line, column: t.column };
    }
    if (this.skipOp('(')) {
      const inner = this.parseAssignTarget(null);
      this.expectOp(')');
      return inner;
    }
    this.fail(`can't assign to '${describe(t)}'`);
  }

  protected isTupleEnd(extraEnd: string[] | null): boolean {
    const t = this.cur;
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof') return true;
    if (t.type === 'op' && t.value === ')') return true;
    if (extraEnd && t.type === 'name' && extraEnd.includes(t.value)) return true;
    return false;
  }

  /** Jinja's parse_tuple: a comma-separated list becomes a tuple, a single item stays as is. */
  protected parseTuple(o: { simplified?: boolean; withCondexpr?: boolean; extraEnd?: string[]; explicitParens?: boolean }): Expr {
    const start = this.cur;
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expectOp(',');
      if (this.isTupleEnd(o.extraEnd ?? null)) break;
      items.push(o.simplified ? this.parsePrimary() : this.parseExpression(o.withCondexpr ?? true));
      if (this.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items[0]) return items[0];
      if (!o.explicitParens) this.fail(`Expected an expression, got '${describe(this.cur)}'`);
    }
    return { kind: 'tuple', items, line: start.line, column: start.column };
  }

  protected parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  protected parseCondexpr(): Expr {
    const start = this.cur;
    let e = this.parseOr();
    while (this.skipName('if')) {
      const test = this.parseOr();
      const no = this.skipName('else') ? this.parseCondexpr() : null;
      e = { kind: 'cond', test, yes: e, no, line: start.line, column: start.column };
    }
    return e;
  }

  protected parseOr(): Expr {
    const start = this.cur;
    let left = this.parseAnd();
    while (this.skipName('or')) left = { kind: 'binop', op: 'or', left, right: this.parseAnd(), line: start.line, column: start.column };
    return left;
  }

  protected parseAnd(): Expr {
    const start = this.cur;
    let left = this.parseNot();
    while (this.skipName('and')) left = { kind: 'binop', op: 'and', left, right: this.parseNot(), line: start.line, column: start.column };
    return left;
  }

  protected parseNot(): Expr {
    const t = this.cur;
    if (this.skipName('not')) return { kind: 'unary', op: 'not', node: this.parseNot(), line: t.line, column: t.column };
    return this.parseCompare();
  }

  protected parseCompare(): Expr {
    const start = this.cur;
    const first = this.parseMath1();
    const ops: [string, Expr][] = [];
    for (;;) {
      const t = this.cur;
      if (t.type === 'op' && COMPARE_OPS.has(t.value)) {
        this.i++;
        ops.push([t.value, this.parseMath1()]);
      } else if (this.skipName('in')) {
        ops.push(['in', this.parseMath1()]);
      } else if (this.isName('not') && this.look().type === 'name' && this.look().value === 'in') {
        this.i += 2;
        ops.push(['notin', this.parseMath1()]);
      } else break;
    }
    if (!ops.length) return first;
    return { kind: 'compare', first, ops, line: start.line, column: start.column };
  }

  protected parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.cur.type === 'op' && (this.cur.value === '+' || this.cur.value === '-')) {
      const t = this.next();
      left = { kind: 'binop', op: t.value, left, right: this.parseConcat(), line: t.line, column: t.column };
    }
    return left;
  }

  protected parseConcat(): Expr {
    let left = this.parseMath2();
    while (this.isOp('~')) {
      const t = this.next();
      left = { kind: 'binop', op: '~', left, right: this.parseMath2(), line: t.line, column: t.column };
    }
    return left;
  }

  protected parseMath2(): Expr {
    let left = this.parsePow();
    while (this.cur.type === 'op' && MATH2_OPS.has(this.cur.value)) {
      const t = this.next();
      left = { kind: 'binop', op: t.value, left, right: this.parsePow(), line: t.line, column: t.column };
    }
    return left;
  }

  protected parsePow(): Expr {
    let left = this.parseUnary(true);
    while (this.isOp('**')) {
      const t = this.next();
      left = { kind: 'binop', op: '**', left, right: this.parseUnary(true), line: t.line, column: t.column };
    }
    return left;
  }

  protected parseUnary(withFilter: boolean): Expr {
    const t = this.cur;
    let node: Expr;
    if (this.isOp('-') || this.isOp('+')) {
      this.i++;
      node = { kind: 'unary', op: t.value as '-' | '+', node: this.parseUnary(false), line: t.line, column: t.column };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    if (withFilter) node = this.parseFilterExpr(node);
    return node;
  }

  protected parsePrimary(): Expr {
    const t = this.cur;
    if (t.type === 'name') {
      this.i++;
      if (t.value === 'true' || t.value === 'True') return { kind: 'const', value: true, line: t.line, column: t.column };
      if (t.value === 'false' || t.value === 'False') return { kind: 'const', value: false, line: t.line, column: t.column };
      if (t.value === 'none' || t.value === 'None') return { kind: 'const', value: null, line: t.line, column: t.column };
      return { kind: 'name', name: t.value, line: t.line, column: t.column };
    }
    if (t.type === 'string') {
      let s = '';
      while (this.cur.type === 'string') s += this.next().value;
      return { kind: 'const', value: s, line: t.line, column: t.column };
    }
    if (t.type === 'int' || t.type === 'float') {
      this.i++;
      return { kind: 'const', value: t.type === 'float' ? { float: t.num } : t.num, line: t.line, column: t.column };
    }
    if (this.skipOp('(')) {
      const e = this.parseTuple({ explicitParens: true });
      this.expectOp(')');
      return e;
    }
    if (this.skipOp('[')) {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        if (items.length) this.expectOp(',');
        if (this.isOp(']')) break;
        items.push(this.parseExpression());
      }
      this.expectOp(']');
      return { kind: 'list', items, line: t.line, column: t.column };
    }
    if (this.skipOp('{')) {
      const pairs: [Expr, Expr][] = [];
      while (!this.isOp('}')) {
        if (pairs.length) this.expectOp(',');
        if (this.isOp('}')) break;
        const k = this.parseExpression();
        this.expectOp(':');
        pairs.push([k, this.parseExpression()]);
      }
      this.expectOp('}');
      return { kind: 'dict', pairs, line: t.line, column: t.column };
    }
    if (t.type === 'eof') this.failEof(null);
    this.fail(`unexpected '${describe(t)}'`);
  }

  protected parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) node = this.parseFilter(node, false);
      else if (this.isName('is')) node = this.parseTest(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseSubscript(node: Expr): Expr {
    const t = this.next();
    if (t.value === '.') {
      const a = this.next();
      if (a.type === 'name') return { kind: 'getattr', obj: node, attr: a.value, line: t.line, column: t.column };
      if (a.type !== 'int') this.fail('expected name or number', a);
      return { kind: 'getitem', obj: node, index: { kind: 'const', value: a.num, line: a.line, column: a.column }, line: t.line, column: t.column };
    }
    const args: Expr[] = [];
    while (!this.isOp(']')) {
      if (args.length) this.expectOp(',');
      args.push(this.parseSubscribed());
    }
    this.expectOp(']');
    const index: Expr = args.length === 1 ? args[0]! : { kind: 'tuple', items: args, line: t.line, column: t.column };
    return { kind: 'getitem', obj: node, index, line: t.line, column: t.column };
  }

  protected parseSubscribed(): Expr {
    const t = this.cur;
    const parts: (Expr | null)[] = [];
    if (this.isOp(':')) {
      this.i++;
      parts.push(null);
    } else {
      const e = this.parseExpression();
      if (!this.isOp(':')) return e;
      this.i++;
      parts.push(e);
    }
    if (this.isOp(':')) parts.push(null);
    else if (!this.isOp(']') && !this.isOp(',')) parts.push(this.parseExpression());
    else parts.push(null);
    if (this.isOp(':')) {
      this.i++;
      if (!this.isOp(']') && !this.isOp(',')) parts.push(this.parseExpression());
      else parts.push(null);
    } else parts.push(null);
    return { kind: 'slice', start: parts[0] ?? null, stop: parts[1] ?? null, step: parts[2] ?? null, line: t.line, column: t.column };
  }

  protected parseCallArgs(): CallArgs {
    const open = this.expectOp('(');
    const out: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const ensure = (ok: boolean): void => {
      if (!ok) this.fail('invalid syntax for function call expression', open);
    };
    let requireComma = false;
    while (!this.isOp(')')) {
      if (requireComma) {
        this.expectOp(',');
        if (this.isOp(')')) break;
      }
      if (this.isOp('*')) {
        ensure(out.dynArgs === null && out.dynKwargs === null);
        this.i++;
        out.dynArgs = this.parseExpression();
      } else if (this.isOp('**')) {
        ensure(out.dynKwargs === null);
        this.i++;
        out.dynKwargs = this.parseExpression();
      } else if (this.cur.type === 'name' && this.look().type === 'op' && this.look().value === '=') {
        ensure(out.dynKwargs === null);
        const key = this.next().value;
        this.i++;
        out.kwargs.push([key, this.parseExpression()]);
      } else {
        ensure(out.dynArgs === null && out.dynKwargs === null && out.kwargs.length === 0);
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expectOp(')');
    return out;
  }

  protected parseCall(fn: Expr): Expr {
    // Runtime errors of a call point at the start of the callee, which is where users look.
    return { kind: 'call', fn, ...this.parseCallArgs(), line: fn.line, column: fn.column };
  }

  protected parseFilter(node: Expr | null, startInline: boolean): Expr {
    let first = true;
    while (this.isOp('|') || (startInline && first)) {
      if (!(startInline && first)) this.i++;
      first = false;
      const t = this.expectName();
      let name = t.value;
      while (this.isOp('.')) {
        this.i++;
        name += '.' + this.expectName().value;
      }
      const args = this.isOp('(') ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      node = { kind: 'filter', node, name, ...args, line: t.line, column: t.column };
    }
    return node!;
  }

  protected parseTest(node: Expr): Expr {
    const t = this.next();
    const negated = this.skipName('not');
    let name = this.expectName().value;
    while (this.isOp('.')) {
      this.i++;
      name += '.' + this.expectName().value;
    }
    let args: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const c = this.cur;
    if (this.isOp('(')) {
      args = this.parseCallArgs();
    } else if (
      (PRIMARY_START.has(c.type) || (c.type === 'op' && (c.value === '(' || c.value === '[' || c.value === '{'))) &&
      !(c.type === 'name' && (c.value === 'else' || c.value === 'or' || c.value === 'and'))
    ) {
      if (c.type === 'name' && c.value === 'is') this.fail('You cannot chain multiple tests with is');
      args.args = [this.parsePostfix(this.parsePrimary())];
    }
    const test: Expr = { kind: 'test', node, name, ...args, line: t.line, column: t.column };
    return negated ? { kind: 'unary', op: 'not', node: test, line: t.line, column: t.column } : test;
  }
}
