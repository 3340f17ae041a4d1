import type { Counter } from 'prom-client';

/**
 * One counter series, added to with a plain addition on the request path and handed to
 * prom-client when the registry is scraped. Why: a prom-client child's `inc` hashes and checks
 * its label object on every call (~0.3 µs and a few hundred bytes of garbage each), and a request
 * bumps several counters.
 */
export class Tally {
  readonly labels: Readonly<Record<string, string>>;
  #pending = 0;
  /** Touched since the last scrape (even by a zero: the series should then show, at 0). */
  #touched = false;

  constructor(labels: Readonly<Record<string, string>>) {
    this.labels = labels;
  }

  /** Adds `n`; counters only go up, so a negative or non-number is ignored. */
  inc(n = 1): void {
    if (!(n >= 0)) return;
    this.#pending += n;
    this.#touched = true;
  }

  /** Adds what was gathered since the last scrape to `counter`, then starts over. */
  flushInto(counter: Counter<string>): void {
    if (!this.#touched) return;
    counter.inc(this.labels, this.#pending);
    this.#pending = 0;
    this.#touched = false;
  }
}

/** The tallies of one prom-client counter; `flushInto` is that counter's `collect` hook. */
export class Tallies {
  readonly #all: Tally[] = [];

  /** A new series with these labels (call once per label set, then keep it). */
  series(labels: Readonly<Record<string, string>>): Tally {
    const tally = new Tally(labels);
    this.#all.push(tally);
    return tally;
  }

  /** Adds what every series gathered since the last scrape to `counter`. */
  flushInto(counter: Counter<string>): void {
    for (const tally of this.#all) tally.flushInto(counter);
  }
}
