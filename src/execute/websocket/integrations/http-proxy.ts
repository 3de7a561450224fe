// HTTP_PROXY: the message is the request body; the upstream's answer is the reply.
import { isFailure } from '../../shared/integration.ts';
import type { WebSocketIntegration } from './contract.ts';
import { callUpstream } from './http-call.ts';

export const httpProxy: WebSocketIntegration = {
  async invoke(input) {
    const answer = await callUpstream(input, input.body);
    if (isFailure(answer)) return answer;
    return { status: answer.status, headers: {}, body: answer.body };
  },
};
