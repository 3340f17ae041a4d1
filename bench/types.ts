// Shared shapes of the benchmark harness: what a target, a scenario and a measurement are.
import type { SteadyOptions } from './steady.ts';

/** Where the fake upstream listens, e.g. `http://127.0.0.1:40123` (no trailing slash). */
export interface Upstream {
  readonly origin: string;
  readonly pid?: number | undefined;
}

/** One load shape: the same request body, streamed or not, at a fixed concurrency. */
export interface Scenario {
  readonly name: string;
  readonly stream: boolean;
  readonly concurrency: number;
}

/** The HTTP request the load generator sends to a target for a scenario. */
export interface RequestSpec {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** A 2xx response counts as incomplete unless its last bytes contain this marker (e.g. `[DONE]` for OpenAI SSE). */
  readonly endMarker?: string;
}

/** Goals a target is judged against in the per-scenario summary. */
export interface Goals {
  /** Target whose throughput is the yardstick (e.g. "passthrough"). */
  readonly versus: string;
  /** Minimum throughput as a share of `versus`'s. */
  readonly minThroughputRatio: number;
  /** Maximum p99 added over the baseline target, in ms ... */
  readonly maxAddedP99Ms: number;
  /** ... judged only at this concurrency. */
  readonly latencyAtConcurrency: number;
}

/** A target while it runs: where to send load, and how to stop it. */
export interface StartedTarget {
  readonly origin: string;
  /** The process serving the target, for its CPU time per request (direct: the upstream's). */
  readonly pid?: number | undefined;
  stop(): Promise<void>;
}

/** A declarative benchmark target: something that serves chat completions in front of the upstream. */
export interface Target {
  readonly name: string;
  /** Starts the target; rejects (and cleans up) if it cannot, and the runner then skips it. */
  start(upstream: Upstream): Promise<StartedTarget>;
  /** Request to send per scenario; defaults to an OpenAI chat completion. */
  readonly request?: (scenario: Scenario) => RequestSpec;
  readonly goals?: Goals;
}

/** Counts of failed requests by kind. */
export interface ErrorCounts {
  /** Response status outside 200–299. */
  non2xx: number;
  /** Connection, timeout or protocol failures. */
  transport: number;
  /** 2xx responses that ended without the request's end marker. */
  incomplete: number;
}

/** What the measured rounds of one scenario against one target produced. */
export interface LoadStats {
  /** Successful requests completed in the measured phase. */
  readonly ok: number;
  readonly errors: ErrorCounts;
  /** First error seen, for diagnosis. */
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
  /** Successful requests per second over all measured rounds. */
  readonly rps: number;
  /** Spread of throughput between rounds: a noise indicator. */
  readonly minRoundRps: number;
  readonly maxRoundRps: number;
  /** Latency percentiles (send to last byte) in microseconds; NaN when nothing succeeded. */
  readonly p50Us: number;
  readonly p99Us: number;
  /** CPU time the target's process spent per successful request, in µs; NaN when unknown. */
  readonly cpuUsPerRequest: number;
}

/** One cell of the result grid: a scenario against a target, measured or skipped. */
export interface Measurement {
  readonly scenario: Scenario;
  readonly target: string;
  readonly stats: LoadStats | undefined;
  /** Why the target was not measured (it failed to start). */
  readonly skipped: string | undefined;
}

/** Two targets compared head to head (e.g. ledger on vs off): `target`'s throughput as a share of `versus`'s. */
export interface Comparison {
  readonly title: string;
  readonly target: string;
  readonly versus: string;
  readonly minThroughputRatio: number;
}

/** How long and how finely to run a paired comparison. */
export interface PairOptions {
  /** Load per process before the first measured slice, given in slices of `sliceMs` taken in pair order. */
  readonly warmupMs: number;
  readonly pairs: number;
  readonly sliceMs: number;
  /** Processes per side; pair i runs on the (i mod processes)-th of each. */
  readonly processes: number;
}

/** What a paired comparison measured; index 0 is the comparison's target, 1 its `versus`. */
export interface PairedStats {
  /** Pairs with a usable ratio. */
  readonly pairs: number;
  /** Of the per-pair throughput ratios (target / versus). */
  readonly medianRatio: number;
  readonly lowerQuartile: number;
  readonly upperQuartile: number;
  /** Warm-up load each process got before the measured slices, in ms (the fixed part and any wait for steadiness). */
  readonly warmupMs: number;
  /** False when the warm-up ended at its bound with some process still compiling. */
  readonly steady: boolean;
  /** Throughput over all slices of each side. */
  readonly rps: readonly [number, number];
  /** CPU µs per successful request of each side's process (all its threads). */
  readonly cpuUsPerRequest: readonly [number, number];
  /** The part of it on V8's helper threads (background JIT compiles, concurrent GC). */
  readonly v8HelperUsPerRequest: readonly [number, number];
  readonly errors: number;
}

/** One comparison in one scenario. */
export interface PairedMeasurement {
  readonly comparison: Comparison;
  readonly scenario: Scenario;
  readonly stats: PairedStats;
}

/** Options of one benchmark run. */
export interface RunOptions {
  /** Load per target before the first scenario, spread over the scenarios (JIT warm-up). */
  readonly startWarmupMs?: number | undefined;
  /** When set, warm-ups go on (within bounds) until each process runs steady: the start one per scenario, the grid's, and the paired one. */
  readonly steady?: SteadyOptions | undefined;
  /** Load per target at the start of each scenario, before its rounds. */
  readonly warmupMs: number;
  /** Measured time per scenario and target, split into `rounds` interleaved slices. */
  readonly measureMs: number;
  /** Rounds per scenario; targets take turns each round so machine drift hits them alike. */
  readonly rounds: number;
  /** Target that latency is "added over" (normally "direct"). */
  readonly baseline: string;
  /** Head-to-head comparisons, measured after each scenario's grid in alternating slices. */
  readonly comparisons?: readonly Comparison[] | undefined;
  /** How finely to measure them (required when there are comparisons). */
  readonly pairing?: PairOptions | undefined;
  /** Progress output; stdout is kept for the report. */
  readonly log?: (line: string) => void;
}

/** Everything a report needs. */
export interface BenchResult {
  readonly startedAt: Date;
  readonly options: RunOptions;
  readonly targets: readonly Target[];
  readonly scenarios: readonly Scenario[];
  readonly measurements: readonly Measurement[];
  readonly paired: readonly PairedMeasurement[];
}
