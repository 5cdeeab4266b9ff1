// Does: parses a derived metric's expression (`revenue / orders`, `(a - b) * 100`) into a small tree and
// renders it as SQL with division guarded against zero.
// Does not: know which names are metrics (the loader checks the references).

/** A parsed expression: numbers, metric references and the four operations. */
export type MetricExpr =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; name: string }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: MetricExpr; right: MetricExpr }
  | { kind: 'negate'; operand: MetricExpr };

/** Parses `text`; throws an Error whose message says what is wrong and where (the loader adds file and line). */
export function parseMetricExpr(text: string): MetricExpr {
  const tokens = [...text.matchAll(/\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()])|(\S))/gy)];
  let pos = 0;
  const peek = (): RegExpMatchArray | undefined => tokens[pos];
  const fail = (what: string): never => {
    throw new Error(`${what} in expression \`${text}\``);
  };
  const primary = (): MetricExpr => {
    const t = tokens[pos++];
    if (!t) return fail('unexpected end');
    if (t[4] !== undefined) return fail(`unexpected character \`${t[4]}\``);
    if (t[1] !== undefined) return { kind: 'number', value: Number(t[1]) };
    if (t[2] !== undefined) return { kind: 'ref', name: t[2] };
    if (t[3] === '(') {
      const inner = sum();
      if (tokens[pos++]?.[3] !== ')') fail('missing `)`');
      return inner;
    }
    if (t[3] === '-') return { kind: 'negate', operand: primary() };
    return fail(`unexpected \`${t[3]}\``);
  };
  const product = (): MetricExpr => {
    let left = primary();
    while (peek()?.[3] === '*' || peek()?.[3] === '/') {
      const op = tokens[pos++]![3] as '*' | '/';
      left = { kind: 'binary', op, left, right: primary() };
    }
    return left;
  };
  const sum = (): MetricExpr => {
    let left = product();
    while (peek()?.[3] === '+' || peek()?.[3] === '-') {
      const op = tokens[pos++]![3] as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  };
  const tree = sum();
  if (pos < tokens.length) fail(`unexpected \`${tokens[pos]![0].trim()}\``);
  return tree;
}

/** Metric names an expression refers to, in order of appearance, without repeats. */
export function metricRefs(expr: MetricExpr): string[] {
  const out = new Set<string>();
  const walk = (e: MetricExpr): void => {
    if (e.kind === 'ref') out.add(e.name);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'negate') walk(e.operand);
  };
  walk(expr);
  return [...out];
}

/** SQL of the expression; `ref` renders a metric reference. Division yields NULL for a zero divisor; results are DOUBLE. */
export function renderMetricExpr(expr: MetricExpr, ref: (name: string) => string): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'ref':
      return ref(expr.name);
    case 'negate':
      return `(-${renderMetricExpr(expr.operand, ref)})`;
    case 'binary': {
      const left = `CAST(${renderMetricExpr(expr.left, ref)} AS DOUBLE)`;
      const right = renderMetricExpr(expr.right, ref);
      return expr.op === '/' ? `(${left} / nullif(CAST(${right} AS DOUBLE), 0))` : `(${left} ${expr.op} ${right})`;
    }
  }
}
