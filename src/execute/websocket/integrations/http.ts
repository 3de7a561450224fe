// HTTP: the rendered request goes to the integration URI; its answer is mapped back.
import { callUpstream } from './http-call.ts';
import { mappedIntegration } from './mapped.ts';

export const http = mappedIntegration(callUpstream);
