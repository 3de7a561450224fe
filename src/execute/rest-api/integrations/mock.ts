// MOCK: the request template's statusCode picks the integration response (200 without one).
// A template that reads nothing of the request renders the same body every time, so its
// status is read once per compiled template. It answers without waiting: no promise.
// When nothing the answer is made of reads the request (the request template, the chosen
// integration response's header mappings and its template), the answer is the same for
// every request that picks them: it is made once, by the same steps, and kept.
import type { CompiledTemplate } from '../../vtl/index.ts';
import { observingSteps } from '../../shared/observe.ts';
import { integrationResponse } from '../integration-response.ts';
import { chooseResponseTemplate, integrationPlan, selectResponse } from '../plan.ts';
import type { RestResponse } from '../respond.ts';
import { mediaType } from '../request.ts';
import type { RestIntegration, RestIntegrationInput } from './contract.ts';
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

/** Answers made once, by what they depend on: the chosen response template's entry, or
 * the chosen integration response when it has no template. Both belong to a compiled
 * integration plan, which lives as long as its deployment snapshot. */
const constantAnswers = new WeakMap<object, RestResponse>();

/** What this request's answer is kept under, when nothing of the request can change it
 * (the request template's status must be known: it is after the template's first render).
 * While steps are observed (the console, TestInvokeMethod), every step runs. */
function constantKey({ inv, integration }: RestIntegrationInput): object | undefined {
  if (observingSteps()) return undefined;
  // CONVERT_TO_BINARY refuses a body that is not base64, before any template runs.
  if (integration.contentHandling === 'CONVERT_TO_BINARY' && inv.req.body.length) return undefined;
  const plan = integrationPlan(integration);
  if (!plan.hasResponses) return undefined;
  const requestTemplate = plan.requestTemplates.get(mediaType(inv.req.headers.get('content-type')?.at(-1)) ?? 'application/json');
  const status = requestTemplate?.fixed ? fixedStatus.get(requestTemplate) : undefined;
  if (status === undefined) return undefined;
  const chosen = selectResponse(plan, String(status));
  if (!chosen || chosen.headers.some(([, mapping]) => mapping.literal === undefined)) return undefined;
  const template = chooseResponseTemplate(chosen.templates, inv.req.headers.get('accept')?.at(-1));
  if (!template) return chosen;
  return template.template.fixed ? template : undefined;
}

const NO_BODY = Buffer.alloc(0);

export const mock: RestIntegration = {
  invoke(input) {
    const key = constantKey(input);
    const known = key && constantAnswers.get(key);
    if (known) return { response: known };
    const request = mappedRequest(input);
    const status = mockStatus(request.body, request.template);
    const endpoint = { status, selector: String(status), headers: new Map<string, string[]>(), body: NO_BODY };
    const response = integrationResponse(input.inv, input.integration, endpoint, request.context);
    if (key) constantAnswers.set(key, response);
    return { response };
  },
};
