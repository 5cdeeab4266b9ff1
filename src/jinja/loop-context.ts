// Does: the `loop` variable of `{% for %}` (index, first, last, previtem, cycle, changed...).
// Does not: drive the iteration (compiler.ts does).
import { pyEq } from './python-values.js';
import { CALL, Undefined } from './runtime.js';

/** State of the innermost loop, advanced by the for-statement before each iteration. */
export class LoopContext {
  /** Zero-based position of the current item. */
  index0 = 0;
  private lastChanged: unknown[] | undefined;
  /** Set for `recursive` loops: renders the loop body over other items one level deeper. */
  [CALL]?: (args: unknown[], kw: Record<string, unknown>) => unknown;
  constructor(
    private readonly items: unknown[],
    /** Nesting depth for recursive loops, starting at 0. */
    readonly depth0 = 0,
  ) {}
  /** 1-based position. */
  get index(): number {
    return this.index0 + 1;
  }
  /** Items left including the current one. */
  get revindex(): number {
    return this.items.length - this.index0;
  }
  /** Items left after the current one. */
  get revindex0(): number {
    return this.items.length - this.index0 - 1;
  }
  /** True on the first iteration. */
  get first(): boolean {
    return this.index0 === 0;
  }
  /** True on the last iteration. */
  get last(): boolean {
    return this.index0 === this.items.length - 1;
  }
  /** Number of items. */
  get length(): number {
    return this.items.length;
  }
  /** 1-based depth. */
  get depth(): number {
    return this.depth0 + 1;
  }
  /** The previous item, undefined on the first iteration. */
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : new Undefined('previtem', undefined, false, 'there is no previous item');
  }
  /** The next item, undefined on the last iteration. */
  get nextitem(): unknown {
    return this.index0 < this.items.length - 1 ? this.items[this.index0 + 1] : new Undefined('nextitem', undefined, false, 'there is no next item');
  }
  /** Cycles through the arguments by iteration. */
  cycle(...args: unknown[]): unknown {
    if (!args.length) throw new TypeError('no items for cycling given');
    return args[this.index0 % args.length];
  }
  /** True when the arguments differ from those of the previous call. */
  changed(...args: unknown[]): boolean {
    if (this.lastChanged && this.lastChanged.length === args.length && this.lastChanged.every((v, i) => pyEq(v, args[i]))) return false;
    this.lastChanged = args;
    return true;
  }
}
