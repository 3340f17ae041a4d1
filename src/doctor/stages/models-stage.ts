import { parseModelList } from '../../providers/openai/models-mapping.ts';
import { explainHttpFailure, upstreamMessage } from '../http-advice.ts';
import { HttpProbe } from '../http-probe.ts';
import { parseJson, readText } from '../probe.ts';
import { fail, pass, type DoctorContext, type Stage, type StageOutcome } from '../stage.ts';
import { hasVersionSegment } from './config-stage.ts';
import { listingOrFailure, requestSignal } from './listing.ts';

// Listing answers that mean "no such route" rather than "something broke".
const NO_ROUTE = new Set([404, 405, 501]);

/** When the listing is missing and baseURL has no /v1, whether `…/v1/models` works instead. */
async function v1Works(ctx: DoctorContext): Promise<string | null> {
  if (ctx.url === null || ctx.endpoint.type !== 'openai' || hasVersionSegment(ctx.url)) return null;
  const withV1 = `${ctx.url.href.replace(/\/$/, '')}/v1`;
  const probe = new HttpProbe(ctx.endpoint, withV1);
  try {
    const res = await probe.request('GET', '/models', null, requestSignal(ctx));
    const text = await readText(res.body);
    if (res.status < 200 || res.status >= 300) return null;
    parseModelList(parseJson(text), ctx.endpoint.name);
    return withV1;
  } catch {
    return null;
  } finally {
    await probe.close();
  }
}

function noListing(ctx: DoctorContext, status: number): StageOutcome {
  const { models } = ctx.endpoint;
  if (models.default.length === 0) {
    return fail(`the service has no model listing (GET /models answered ${status}) and models.default is empty`, 'Clients would see no models from this endpoint. List the model ids the service serves under models.default.');
  }
  const fetchNote = models.fetch ? ' Set models.fetch: false, since the fetch can only fail.' : '';
  return pass(`the service has no model listing (GET /models answered ${status}); relying on models.default (${models.default.length})`, `Switchboard offers exactly models.default for this endpoint.${fetchNote}`);
}

/** Models: GET /models answers a usable list (or its absence is covered by models.default). */
export const modelsStage: Stage = {
  id: 'models',
  async run(ctx: DoctorContext): Promise<StageOutcome> {
    const got = await listingOrFailure(ctx);
    if ('failure' in got) return got.failure;
    const { listing } = got;
    const { status, text } = listing;
    if (NO_ROUTE.has(status)) {
      const fixed = await v1Works(ctx);
      if (fixed !== null) return fail(`GET /models answered ${status}, but ${fixed}/models works`, `baseURL is missing /v1: set baseURL: ${fixed}`);
      return noListing(ctx, status);
    }
    if (status < 200 || status >= 300) {
      return fail(`GET /models answered ${status}: ${upstreamMessage(text)}`, explainHttpFailure(status, text, ctx.endpoint, ctx.url?.hostname ?? null, null));
    }
    const json = parseJson(text);
    if (json === null) {
      return fail(`GET /models answered ${status} with ${upstreamMessage(text) === 'an HTML page' ? 'an HTML page' : 'something that is not JSON'}`, 'baseURL points at a web page, a login/SSO proxy, or another API, not an OpenAI-compatible one. It should be the part before /chat/completions.');
    }
    let ids: string[];
    try {
      ids = parseModelList(json, ctx.endpoint.name);
    } catch {
      return fail('GET /models answered JSON without a "data" list', 'The service is not OpenAI-compatible at this path; check baseURL. If it has no real listing, set models.fetch: false and list models under models.default.');
    }
    ctx.facts.listed = ids;
    if (ids.length === 0) {
      if (ctx.endpoint.models.default.length === 0) return fail('the service lists no models and models.default is empty', 'A self-hosted server may have no model loaded (Ollama: `ollama pull NAME`; LM Studio: load a model). Or list the ids under models.default.');
      return pass('the service lists no models; relying on models.default', 'An empty listing often means no model is loaded yet on a self-hosted server.');
    }
    const fetchNote = ctx.endpoint.models.fetch || ctx.endpoint.type === 'mock' ? '' : ' (models.fetch is off: clients see only models.default)';
    const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '');
    return pass(`${ids.length} model${ids.length === 1 ? '' : 's'} listed: ${shown}${fetchNote}`);
  },
};
