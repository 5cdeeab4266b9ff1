// Does: the abstract syntax tree the parser builds and the compiler consumes.
// Does not: evaluate anything.

/** Source position of a node (1-based line and column). */
export interface Pos {
  line: number;
  column: number;
}

/** Positional, keyword, `*args` and `**kwargs` arguments of a call, filter or test. */
export interface CallArgs {
  args: Expr[];
  kwargs: [string, Expr][];
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}

/** Any expression node. */
export type Expr =
  | ({ kind: 'const'; value: unknown } & Pos)
  | ({ kind: 'name'; name: string } & Pos)
  | ({ kind: 'list'; items: Expr[] } & Pos)
  | ({ kind: 'tuple'; items: Expr[] } & Pos)
  | ({ kind: 'dict'; pairs: [Expr, Expr][] } & Pos)
  | ({ kind: 'getattr'; obj: Expr; attr: string } & Pos)
  | ({ kind: 'getitem'; obj: Expr; index: Expr } & Pos)
  | ({ kind: 'slice'; start: Expr | null; stop: Expr | null; step: Expr | null } & Pos)
  | ({ kind: 'call'; fn: Expr } & CallArgs & Pos)
  | ({ kind: 'filter'; node: Expr | null; name: string } & CallArgs & Pos)
  | ({ kind: 'test'; node: Expr; name: string } & CallArgs & Pos)
  | ({ kind: 'cond'; test: Expr; yes: Expr; no: Expr | null } & Pos)
  | ({ kind: 'binop'; op: string; left: Expr; right: Expr } & Pos)
  | ({ kind: 'unary'; op: 'not' | '-' | '+'; node: Expr } & Pos)
  | ({ kind: 'compare'; first: Expr; ops: [string, Expr][] } & Pos);

/** An assignment target: a name, a tuple of targets, or `namespace.attr`. */
export type Target =
  | ({ kind: 'name'; name: string } & Pos)
  | ({ kind: 'tuple'; items: Target[] } & Pos)
  | ({ kind: 'nsref'; name: string; attr: string } & Pos);

/** Parameters of a macro or call block, with defaults for the trailing ones. */
export interface Params {
  names: string[];
  defaults: (Expr | null)[];
}

/** Any statement node; a template body is a list of these. */
export type Stmt =
  | ({ kind: 'data'; text: string } & Pos)
  | ({ kind: 'output'; expr: Expr } & Pos)
  | ({ kind: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[] } & Pos)
  | ({ kind: 'for'; target: Target; iter: Expr; body: Stmt[]; orelse: Stmt[]; filter: Expr | null; recursive: boolean } & Pos)
  | ({ kind: 'set'; target: Target; expr: Expr } & Pos)
  | ({ kind: 'setblock'; target: Target; body: Stmt[]; filter: Expr | null } & Pos)
  | ({ kind: 'macro'; name: string; params: Params; body: Stmt[] } & Pos)
  | ({ kind: 'callblock'; call: Expr; params: Params; body: Stmt[] } & Pos)
  | ({ kind: 'filterblock'; filter: Expr; body: Stmt[] } & Pos)
  | ({ kind: 'with'; targets: Target[]; values: Expr[]; body: Stmt[] } & Pos)
  | ({ kind: 'do'; expr: Expr } & Pos)
  | ({ kind: 'break' } & Pos)
  | ({ kind: 'continue' } & Pos);
