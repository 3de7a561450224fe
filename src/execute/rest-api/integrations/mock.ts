// MOCK: the request template's statusCode picks the integration response (200 without one).
// A template that reads nothing of the request renders the same body every time, so its
// status is read once per compiled template. It answers without waiting: no promise.
import type { CompiledTemplate } from '../../vtl/index.ts';
import type { RestIntegration } from './contract.ts';
import { mappedRequest } from './contract.ts';

function statusOf(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { statusCode?: unknown };
    const code = Number(parsed?.statusCode);
    if (Number.isInteger(code) && code >= 100 && code <= 599) return code;
  } catch {
    // Not JSON: no statusCode.
  }
  return 200;
}

const fixedStatus = new WeakMap<CompiledTemplate, number>();

function mockStatus(body: Buffer, template: CompiledTemplate | undefined): number {
  if (!template?.fixed) return statusOf(body);
  let status = fixedStatus.get(template);
  if (status === undefined) fixedStatus.set(template, (status = statusOf(body)));
  return status;
}

const NO_BODY = Buffer.alloc(0);

export const mock: RestIntegration = {
  invoke(input) {
    const request = mappedRequest(input);
    const status = mockStatus(request.body, request.template);
    return { endpoint: { status, selector: String(status), headers: new Map(), body: NO_BODY }, request };
  },
};
