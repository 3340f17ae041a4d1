/**
 * The bytes of an answer as delivered, up to a limit: the chunks themselves, not copies (holding
 * a reference costs nothing per chunk; copying cost ~50 ns a chunk on every stream, for an
 * estimate most answers never need).
 */
export class KeptBytes {
  readonly #limit: number;
  readonly #parts: Buffer[] = [];
  #length = 0;
  #full = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Keeps `bytes` (which must not change afterwards); once the limit would be passed, keeps nothing more. */
  append(bytes: Buffer): void {
    if (this.#full || bytes.length === 0) return;
    if (this.#length + bytes.length > this.#limit) {
      this.#full = true;
      return;
    }
    this.#parts.push(bytes);
    this.#length += bytes.length;
  }

  /** What was kept, as one buffer (empty when nothing was). */
  get bytes(): Buffer {
    return this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts, this.#length);
  }
}
