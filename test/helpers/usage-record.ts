import type { UsageRecord } from '../../src/store/types.ts';

/** A plain successful usage record with id `id`, for ledger tests that only count rows. */
export function usageRecord(id: string): UsageRecord {
  return {
    id, requestId: id, ts: Date.now(), userId: 'u', keyId: 'k', endpoint: 'e', operation: 'chat', modelRequested: 'm', modelServed: 'm',
    status: 200, errorCode: null, attempts: 1, promptTokens: 3, completionTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.1,
    estimated: false, latencyMs: 1, ttftMs: 1, streamed: false, clientIp: null, metadata: null,
  };
}
