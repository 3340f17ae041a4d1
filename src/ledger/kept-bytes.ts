/**
 * The bytes of an answer as delivered, up to a limit, held as one-byte (latin1) strings that give
 * the exact bytes back. Not as the provider's Buffers: each is a separate ArrayBuffer outside the
 * JS heap, and a long stream would keep thousands of them alive until it ends; strings are
 * compact, live in the heap and die young with their request.
 */
export class KeptBytes {
  readonly #limit: number;
  #text = '';
  #full = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Appends `bytes`; once the limit would be passed, keeps nothing more. */
  append(bytes: Buffer): void {
    if (this.#full || bytes.length === 0) return;
    if (this.#text.length + bytes.length > this.#limit) {
      this.#full = true;
      return;
    }
    this.#text += bytes.toString('latin1');
  }

  /** What was kept, as one buffer (empty when nothing was). */
  get bytes(): Buffer {
    return Buffer.from(this.#text, 'latin1');
  }
}
