// Helpers for strategy tests (shared suite and distribution tests); not used at run time.
import { breakerSchema, type DeploymentConfig, type Price } from '../config-schema.ts';
import { Deployment } from '../deployment.ts';
import { DeploymentState } from '../health/deployment-state.ts';
import { seededRng } from '../../providers/mock/mock-text.ts';
import type { SelectionContext } from './strategy.ts';

const BREAKER = breakerSchema.parse({});

/** A deployment `ep/model` with optional group settings and price. */
export function deployment(name: string, cfg: Partial<DeploymentConfig> = {}, price: Price | null = null): Deployment {
  return new Deployment(new DeploymentState(name, 'model', BREAKER), { weight: 1, priority: 0, tags: [], ...cfg }, price);
}

/** A selection context at `now` with a seeded random. */
export function context(seed = 1, now = 1_000_000, tokens: { prompt?: number; output?: number } = {}): SelectionContext {
  return { now, random: seededRng(String(seed)), promptTokens: () => tokens.prompt ?? 100, outputTokens: () => tokens.output ?? 100 };
}

/** How often each deployment id was picked over `n` picks. */
export function tally(n: number, pick: () => Deployment): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = pick().id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
