// HTTP_PROXY: the client's request goes on (request parameters applied); the upstream's
// status, headers and body come back as the answer.
import { isFailure } from '../../shared/integration.ts';
import { integrationRequest } from '../integration-request.ts';
import type { RestIntegration } from './contract.ts';
import { callUpstream } from './http-call.ts';

/** Headers of the upstream's answer that describe its connection, not the answer. */
const SKIP_BACK = new Set(['keep-alive', 'transfer-encoding']);
/** Upstream headers API Gateway's own would clash with: they come back as x-amzn-Remapped-{name}
 * (test_apigateway_http.snapshot.json#test_http_integration_with_lambda[HTTP_PROXY]). */
const REMAPPED = new Set(['connection', 'content-length', 'date', 'server', 'x-amzn-requestid']);

export const httpProxy: RestIntegration = {
  async invoke(input) {
    const answer = await callUpstream(input, integrationRequest(input.inv, input.integration, true), true);
    if (isFailure(answer)) return answer;
    const headers: Record<string, string | string[]> = {};
    for (const [name, values] of answer.headers) {
      if (SKIP_BACK.has(name)) continue;
      headers[REMAPPED.has(name) ? `x-amzn-Remapped-${name}` : name] = values.length === 1 ? values[0] : values;
    }
    return { response: { status: answer.status, headers, body: answer.body } };
  },
};
