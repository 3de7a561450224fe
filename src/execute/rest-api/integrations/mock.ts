// MOCK: the request template's statusCode picks the integration response (200 without one).
import type { RestIntegration } from './contract.ts';
import { mappedRequest } from './contract.ts';

export const mock: RestIntegration = {
  async invoke(input) {
    const request = mappedRequest(input);
    let status = 200;
    try {
      const parsed = JSON.parse(request.body.toString('utf8')) as { statusCode?: unknown };
      const code = Number(parsed?.statusCode);
      if (Number.isInteger(code) && code >= 100 && code <= 599) status = code;
    } catch {
      // Not JSON: no statusCode, 200.
    }
    return { endpoint: { status, selector: String(status), headers: new Map(), body: Buffer.alloc(0) }, request };
  },
};
