// HTTP (non-proxy): the mapped request goes out, the whole response comes back for the
// integration responses to map.
import { isFailure } from '../../shared/integration.ts';
import { mappedRequest, type RestIntegration } from './contract.ts';
import { callUpstream } from './http-call.ts';

export const http: RestIntegration = {
  async invoke(input) {
    const request = mappedRequest(input);
    const answer = await callUpstream(input, request, false);
    if (isFailure(answer)) return answer;
    return { endpoint: { status: answer.status, headers: answer.headers, body: answer.body, selector: String(answer.status) }, request };
  },
};
