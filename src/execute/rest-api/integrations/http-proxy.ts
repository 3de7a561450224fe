// HTTP_PROXY: the client's request goes on (request parameters applied); the upstream's
// status, headers and body come back as the answer.
import { isFailure } from '../../shared/integration.ts';
import { integrationRequest } from '../integration-request.ts';
import type { RestIntegration } from './contract.ts';
import { callUpstream } from './http-call.ts';

/** Headers of the upstream's answer that describe its connection, not the answer. */
const SKIP_BACK = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export const httpProxy: RestIntegration = {
  async invoke(input) {
    const answer = await callUpstream(input, integrationRequest(input.inv, input.integration, true));
    if (isFailure(answer)) return answer;
    const headers: Record<string, string | string[]> = {};
    for (const [name, values] of answer.headers) if (!SKIP_BACK.has(name)) headers[name] = values.length === 1 ? values[0] : values;
    return { response: { status: answer.status, headers, body: answer.body } };
  },
};
