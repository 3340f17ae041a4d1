import { explainTransportFailure } from '../http-advice.ts';
import { readText } from '../probe.ts';
import { fail, type DoctorContext, type Facts, type StageOutcome } from '../stage.ts';

/** Doctor's own limit for one request, on top of the endpoint's connect/first-byte/idle timeouts. */
export const REQUEST_LIMIT_MS = 120_000;

/** A signal for one doctor request: the endpoint's totalMs, capped. */
export function requestSignal(ctx: DoctorContext): AbortSignal {
  return AbortSignal.timeout(Math.min(ctx.endpoint.timeouts.totalMs, REQUEST_LIMIT_MS));
}

/** GETs /models once per endpoint and remembers the answer for later stages. */
export async function fetchListing(ctx: DoctorContext): Promise<NonNullable<Facts['listing']>> {
  if (ctx.facts.listing !== null) return ctx.facts.listing;
  const res = await ctx.probe.request('GET', '/models', null, requestSignal(ctx));
  const listing = { status: res.status, headers: res.headers, text: await readText(res.body) };
  ctx.facts.listing = listing;
  return listing;
}

/** The /models answer, or the stage's failure when the request itself failed (no answer at all). */
export async function listingOrFailure(ctx: DoctorContext): Promise<{ readonly listing: NonNullable<Facts['listing']> } | { readonly failure: StageOutcome }> {
  try {
    return { listing: await fetchListing(ctx) };
  } catch (err) {
    const t = explainTransportFailure(err, ctx.url);
    return { failure: fail(`GET /models: ${t.message}`, t.advice) };
  }
}
