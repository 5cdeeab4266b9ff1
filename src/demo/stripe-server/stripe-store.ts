// Does: indexes a JSONL file of Stripe objects (byte offsets, created, id) and answers lookups and
// list pages from it, re-reading only the appended tail. Does not: hold the objects in memory.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

const ID_KEY = Buffer.from('"id":"');
const CREATED_KEY = Buffer.from('"created":');
const QUOTE = 34;
const COMMA = 44;

/** One page of a list request, in Stripe order (newest first). */
export interface StorePage {
  lines: string[];
  hasMore: boolean;
}

/** Filters of a list request; `created` bounds are unix seconds. */
export interface ListQuery {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  created?: { gte?: number; gt?: number; lte?: number; lt?: number };
}

/**
 * An append-only JSONL store: a later line with the same id replaces the object but keeps its place,
 * so `mercator demo advance` can update charges (refunds) by appending.
 */
export class StripeStore {
  private indexed = 0;
  private readonly slotById = new Map<string, number>();
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly created: number[] = [];
  private readonly ids: string[] = [];
  /** Slots sorted by (created, slot) ascending. */
  private order: Int32Array = new Int32Array(0);
  private positionOf: Int32Array = new Int32Array(0);

  constructor(readonly file: string) {}

  /** Indexes lines appended since the last call; cheap when nothing changed. */
  refresh(): void {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= this.indexed) return;
      const chunk = Buffer.alloc(1 << 22);
      let pos = this.indexed;
      let carry = Buffer.alloc(0);
      let carryStart = pos;
      let added = false;
      while (pos < size) {
        const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - pos), pos);
        if (n <= 0) break;
        const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
        let start = 0;
        for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
          this.addLine(buf.subarray(start, nl), carryStart + start);
          added = true;
          start = nl + 1;
        }
        carry = Buffer.from(buf.subarray(start));
        carryStart += start;
        pos += n;
      }
      this.indexed = carryStart;
      if (added) this.sort();
    } finally {
      closeSync(fd);
    }
  }

  /** Indexes one line from its bytes: only the id and `created` are decoded (the first of each, the object's own). */
  private addLine(line: Buffer, offset: number): void {
    const length = line.length;
    if (length === 0) return;
    const idStart = line.indexOf(ID_KEY) + ID_KEY.length;
    const id = line.toString('latin1', idStart, line.indexOf(QUOTE, idStart));
    let created = 0;
    let i = line.indexOf(CREATED_KEY) + CREATED_KEY.length;
    while (line[i] === 32) i++;
    for (; i < length; i++) {
      const digit = line[i]! - 48;
      if (digit < 0 || digit > 9) break;
      created = created * 10 + digit;
    }
    const existing = this.slotById.get(id);
    if (existing !== undefined) {
      this.offsets[existing] = offset;
      this.lengths[existing] = length;
      return;
    }
    const slot = this.ids.length;
    this.slotById.set(id, slot);
    this.ids.push(id);
    this.offsets.push(offset);
    this.lengths.push(length);
    this.created.push(created);
  }

  private sort(): void {
    const order = Int32Array.from(this.ids.keys());
    order.sort((a, b) => this.created[a]! - this.created[b]! || a - b);
    this.order = order;
    this.positionOf = new Int32Array(order.length);
    order.forEach((slot, pos) => (this.positionOf[slot] = pos));
  }

  /** Number of distinct objects. */
  get size(): number {
    return this.ids.length;
  }

  /** The JSON texts of `slots`, read from the file one after another into `into` from `at`, with `separator` between. */
  private readSlots(slots: readonly number[], into: Buffer, at: number, separator?: number): void {
    if (slots.length === 0) return;
    const fd = openSync(this.file, 'r');
    try {
      for (let i = 0; i < slots.length; i++) {
        if (separator !== undefined && i > 0) into[at++] = separator;
        const slot = slots[i]!;
        const length = this.lengths[slot]!;
        for (let done = 0; done < length; ) {
          const n = readSync(fd, into, at + done, length - done, this.offsets[slot]! + done);
          if (n <= 0) throw new Error(`${this.file} ended before the object at byte ${this.offsets[slot]!}`);
          done += n;
        }
        at += length;
      }
    } finally {
      closeSync(fd);
    }
  }

  private read(slots: number[]): string[] {
    let size = 0;
    for (const slot of slots) size += this.lengths[slot]!;
    const buf = Buffer.allocUnsafe(size);
    this.readSlots(slots, buf, 0);
    let at = 0;
    return slots.map((slot) => buf.toString('utf8', at, (at += this.lengths[slot]!)));
  }

  /** The JSON text of an object, or undefined. */
  get(id: string): string | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.read([slot])[0];
  }

  /** True when the id exists. */
  has(id: string): boolean {
    return this.slotById.has(id);
  }

  private lowerBound(seconds: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.created[this.order[mid]!]! < seconds) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The slots of one page in Stripe order (created descending) after the cursor and inside the created range. */
  private page(query: ListQuery): { slots: number[]; hasMore: boolean } {
    const c = query.created ?? {};
    let lo = 0;
    let hi = this.order.length; // positions [lo, hi) match the range
    if (c.gte !== undefined) lo = Math.max(lo, this.lowerBound(c.gte));
    if (c.gt !== undefined) lo = Math.max(lo, this.lowerBound(c.gt + 1));
    if (c.lte !== undefined) hi = Math.min(hi, this.lowerBound(c.lte + 1));
    if (c.lt !== undefined) hi = Math.min(hi, this.lowerBound(c.lt));
    const slots: number[] = [];
    let hasMore: boolean;
    if (query.endingBefore !== undefined) {
      const p = this.positionOf[this.slotById.get(query.endingBefore)!]!;
      const from = Math.max(lo, p + 1);
      const to = Math.min(hi, from + query.limit);
      for (let i = to - 1; i >= from; i--) slots.push(this.order[i]!);
      hasMore = to < hi;
    } else {
      const top = query.startingAfter !== undefined ? Math.min(hi, this.positionOf[this.slotById.get(query.startingAfter)!]!) : hi;
      const bottom = Math.max(lo, top - query.limit);
      for (let i = top - 1; i >= bottom; i--) slots.push(this.order[i]!);
      hasMore = bottom > lo;
    }
    return { slots, hasMore };
  }

  /** One page, each object as its JSON text. */
  list(query: ListQuery): StorePage {
    const { slots, hasMore } = this.page(query);
    return { lines: this.read(slots), hasMore };
  }

  /**
   * One page as the objects' JSON texts joined by commas, read from the file straight into one buffer: a
   * list response then needs no decoding, joining and encoding of strings.
   */
  listJoined(query: ListQuery): { data: Buffer; hasMore: boolean } {
    const { slots, hasMore } = this.page(query);
    let size = Math.max(0, slots.length - 1);
    for (const slot of slots) size += this.lengths[slot]!;
    const data = Buffer.allocUnsafe(size);
    this.readSlots(slots, data, 0, COMMA);
    return { data, hasMore };
  }
}
