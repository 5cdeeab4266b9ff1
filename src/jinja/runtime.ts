// Does: the runtime value classes templates and JS callers share: Undefined, Markup, Kwargs, MacroReturn, Namespace, Cycler, Joiner.
// Does not: implement Python operators (python-values.ts) or run templates (compiler.ts).

/** Keyword arguments passed to a JS function (always the last argument) or passed by JS to a macro. */
export class Kwargs {
  constructor(readonly values: Record<string, unknown>) {}
}

/** Thrown by a JS function during a macro call to make that macro return `value` instead of its text. */
export class MacroReturn extends Error {
  constructor(readonly value: unknown) {
    super('macro return');
    this.name = 'MacroReturn';
  }
}

/** A string marked safe from escaping (the result of `escape`, `safe`, `tojson`...). */
export class Markup {
  constructor(readonly value: string) {}
  /** The plain string. */
  toString(): string {
    return this.value;
  }
  /** Markup serializes as its string. */
  toJSON(): string {
    return this.value;
  }
}

/** Jinja's default Undefined: renders empty, iterates empty, errors on attribute access, calls and arithmetic. */
export class Undefined {
  constructor(
    /** The missing name or key. */
    readonly name: string | number | undefined,
    /** The object the name was looked up on, when it was an attribute or item. */
    readonly owner?: unknown,
    readonly hasOwner = false,
    /** A replacement message (e.g. a missing macro parameter). */
    readonly hint?: string,
  ) {}
  /** The message UndefinedError carries when this value is misused. */
  message(typeRepr: (v: unknown) => string): string {
    if (this.hint) return this.hint;
    if (!this.hasOwner) return `'${String(this.name)}' is undefined`;
    if (typeof this.name !== 'string') return `${typeRepr(this.owner)} has no element ${String(this.name)}`;
    return `'${typeRepr(this.owner)}' has no attribute '${this.name}'`;
  }
  /** Renders as the empty string. */
  toString(): string {
    return '';
  }
}

/** An Undefined that returns itself from attribute access, item access and calls (lenient mode). */
export class LenientUndefined extends Undefined {}

/** A `namespace(...)` object: attributes may be assigned from inner scopes with `{% set ns.x = ... %}`. */
export class Namespace {
  readonly attrs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
}

/** `cycler(...)`: cycles through its items on `next()`. */
export class Cycler {
  private pos = 0;
  constructor(readonly items: unknown[]) {}
  /** The current item. */
  get current(): unknown {
    return this.items[this.pos];
  }
  /** Returns the current item and advances. */
  next(): unknown {
    const v = this.items[this.pos];
    this.pos = (this.pos + 1) % this.items.length;
    return v;
  }
  /** Goes back to the first item. */
  reset(): void {
    this.pos = 0;
  }
}

/** `joiner(sep)`: returns '' on the first call and `sep` afterwards. */
export class Joiner {
  private used = false;
  constructor(readonly sep: string = ', ') {}
  /** The separator, except on the first call. */
  call(): string {
    if (!this.used) {
      this.used = true;
      return '';
    }
    return this.sep;
  }
}

/** Raised inside a loop body by `{% break %}`. */
export class BreakSignal {}
/** Raised inside a loop body by `{% continue %}`. */
export class ContinueSignal {}
/** The shared break signal (it carries no data). */
export const BREAK = new BreakSignal();
/** The shared continue signal (it carries no data). */
export const CONTINUE = new ContinueSignal();

/** Objects carrying this symbol are callable from templates (e.g. `loop(children)` in recursive loops). */
export const CALL: unique symbol = Symbol('jinja.call');
