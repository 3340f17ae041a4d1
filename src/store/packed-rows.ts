import type { SqlValue } from './sql-driver.ts';

/** What a cell holds; a string cell's number is its index in the list of strings. */
const KIND = { null: 0, number: 1, string: 2 } as const;

/** PackedRows as plain data, for postMessage: two typed arrays and the list of strings. */
export interface PackedRowsData {
  readonly width: number;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly cells: Float64Array;
  readonly strings: readonly string[];
}

/**
 * Rows of SQL values of one width, held column-agnostic in two typed arrays (a kind byte and a
 * number per cell; a string cell holds its index in a list of strings). Why: the ledger
 * queues hundreds of rows between writes and posts them to the SQLite worker. As arrays of
 * arrays they were objects that outlived young collections and were cloned value by value; here
 * a batch is two typed arrays and its strings (its ids, plus each name repeated on every row held
 * once), copied in one go.
 */
export class PackedRows {
  readonly width: number;
  #kinds: Uint8Array;
  #cells: Float64Array;
  readonly #strings: string[] = [];
  /** Built on the first push: rows rebuilt from data() are only read. */
  #stringIndex: Map<string, number> | null = null;
  /** Cells written so far. */
  #length = 0;

  /** An empty set of rows `width` cells wide, with room for `capacity` rows before it grows. */
  constructor(width: number, capacity = 16) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`row width must be a positive integer, got ${width}`);
    this.width = width;
    const cells = Math.max(1, Math.floor(capacity)) * width;
    this.#kinds = new Uint8Array(cells);
    this.#cells = new Float64Array(cells);
  }

  /** Rows given as arrays, each `width` long. */
  static of(width: number, rows: readonly (readonly SqlValue[])[]): PackedRows {
    const packed = new PackedRows(width, rows.length);
    for (const row of rows) {
      if (row.length !== width) throw new RangeError(`a row has ${row.length} values, expected ${width}`);
      for (const value of row) packed.push(value);
    }
    return packed;
  }

  /** Rebuilds rows from `data()` (on the other side of postMessage). */
  static fromData(data: PackedRowsData): PackedRows {
    const packed = new PackedRows(data.width, 0);
    packed.#kinds = data.kinds;
    packed.#cells = data.cells;
    packed.#length = data.count * data.width;
    for (const s of data.strings) packed.#strings.push(s);
    return packed;
  }

  /** Complete rows written so far. */
  get count(): number {
    return Math.floor(this.#length / this.width);
  }

  /** Appends the next cell; every `width` cells make a row. */
  push(value: SqlValue): void {
    if (this.#length === this.#kinds.length) this.#grow();
    const at = this.#length++;
    if (typeof value === 'number') {
      this.#kinds[at] = KIND.number;
      this.#cells[at] = value;
    } else if (typeof value === 'string') {
      this.#kinds[at] = KIND.string;
      this.#cells[at] = this.#intern(value);
    } else {
      this.#kinds[at] = KIND.null;
    }
  }

  /**
   * Appends a string cell that rarely repeats (an id) without looking for an equal string held
   * earlier, which for ids would only fill the lookup table. Only a repeat of the string added
   * just before is noticed (a request id equal to the row's id); other repeats are held twice.
   */
  pushDistinct(value: string): void {
    if (this.#length === this.#kinds.length) this.#grow();
    const at = this.#length++;
    const last = this.#strings.length - 1;
    this.#kinds[at] = KIND.string;
    if (last >= 0 && this.#strings[last] === value) {
      this.#cells[at] = last;
      return;
    }
    this.#cells[at] = last + 1;
    this.#strings.push(value);
  }

  /** The value in row `row`, column `column`. */
  value(row: number, column: number): SqlValue {
    return this.#at(row * this.width + column);
  }

  /** Rows `[start, end)` as one flat list of values, row after row (what a multi-row INSERT binds). */
  flat(start: number, end: number): SqlValue[] {
    const from = Math.max(0, start) * this.width;
    const to = Math.min(end, this.count) * this.width;
    const out: SqlValue[] = new Array<SqlValue>(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.#at(i);
    return out;
  }

  /** Every row as an array. */
  toArrays(): SqlValue[][] {
    const rows: SqlValue[][] = [];
    for (let r = 0; r < this.count; r++) rows.push(this.flat(r, r + 1));
    return rows;
  }

  /**
   * The rows as plain data: copies of the used part of the typed arrays, and the string list
   * itself (postMessage copies it).
   */
  data(): PackedRowsData {
    const used = this.count * this.width;
    return { width: this.width, count: this.count, kinds: this.#kinds.slice(0, used), cells: this.#cells.slice(0, used), strings: this.#strings };
  }

  #at(i: number): SqlValue {
    const kind = this.#kinds[i];
    if (kind === KIND.number) return this.#cells[i] as number;
    if (kind === KIND.string) return this.#strings[this.#cells[i] as number] as string;
    return null;
  }

  #intern(value: string): number {
    this.#stringIndex ??= new Map(this.#strings.map((s, i) => [s, i]));
    let index = this.#stringIndex.get(value);
    if (index === undefined) {
      index = this.#strings.length;
      this.#strings.push(value);
      this.#stringIndex.set(value, index);
    }
    return index;
  }

  #grow(): void {
    const size = Math.max(this.width, this.#kinds.length * 2);
    const kinds = new Uint8Array(size);
    kinds.set(this.#kinds);
    const cells = new Float64Array(size);
    cells.set(this.#cells);
    this.#kinds = kinds;
    this.#cells = cells;
  }
}
