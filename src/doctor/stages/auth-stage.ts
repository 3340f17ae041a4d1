import { apiKeyOf, explainAuthFailure, upstreamMessage } from '../http-advice.ts';
import { keyProblem } from '../key-prefix.ts';
import { fail, pass, skip, type DoctorContext, type Stage, type StageOutcome } from '../stage.ts';
import { listingOrFailure } from './listing.ts';

/** Auth: the service accepts the key (checked with GET /models, the cheapest authenticated call). */
export const authStage: Stage = {
  id: 'auth',
  async run(ctx: DoctorContext): Promise<StageOutcome> {
    if (ctx.url === null) return skip('in-process endpoint: no key to check');
    const key = apiKeyOf(ctx.endpoint);
    const shape = key === '' ? null : keyProblem(key, ctx.url.hostname);
    const got = await listingOrFailure(ctx);
    if ('failure' in got) return got.failure;
    const { listing } = got;
    const { status } = listing;
    if (status === 401 || status === 403 || status === 407) {
      return fail(`GET /models answered ${status}: ${upstreamMessage(listing.text)}`, explainAuthFailure(status, ctx.endpoint, ctx.url.hostname));
    }
    const sent = key === '' ? 'no key sent' : 'key';
    if (status >= 200 && status < 300) return pass(key === '' ? 'no key sent, and the service did not ask for one' : 'key accepted (GET /models)', shape);
    // No listing route (or a failing one): the key cannot be judged here; the chat stage will tell.
    return pass(`${sent} not refused (GET /models answered ${status}; the chat stage checks the key again)`, shape);
  },
};
