// The mapped WebSocket integrations (MOCK, HTTP, AWS): the message goes through the request
// template TemplateSelectionExpression picks (or passes through, as PassthroughBehavior
// allows), the endpoint is called, and its answer goes through the integration response
// IntegrationResponseSelectionExpression picks, rendered by its template.
import { GatewayError, gatewayErrors } from '../../shared/gateway-error.ts';
import { isFailure, type IntegrationFailure } from '../../shared/integration.ts';
import { publishStep } from '../../shared/observe.ts';
import { TemplateError, type CompiledTemplate } from '../../vtl/index.ts';
import { mappingPlan, type MappingPlan } from '../compiled.ts';
import { parseJson } from '../selection.ts';
import type { WebSocketIntegration, WebSocketIntegrationInput } from './contract.ts';

/** What the endpoint answered; `errorMessage` is a Lambda function's error, matched against
 * the integration response keys ('' when its error carried none). */
export interface EndpointAnswer {
  status: number;
  body: string;
  errorMessage?: string;
}

type Endpoint = (input: WebSocketIntegrationInput, payload: string) => Promise<EndpointAnswer | IntegrationFailure>;

/** A mapped integration calling `endpoint` with the rendered request. */
export function mappedIntegration(endpoint: Endpoint): WebSocketIntegration {
  return {
    async invoke(input) {
      const plan = mappingPlan(input.route, input.integration);
      const payload = requestPayload(input, plan);
      if (payload === undefined) throw new GatewayError(415, 'Unsupported Media Type');
      const answer = await endpoint(input, payload);
      if (isFailure(answer)) return answer;
      return { status: answer.status, headers: {}, body: integrationResponse(input, plan, answer) };
    },
  };
}

function render(template: CompiledTemplate, body: string, input: WebSocketIntegrationInput): string {
  try {
    return template.render({ body, params: input.params, context: input.context, stageVariables: input.stageVariables ?? {} }).output;
  } catch (err) {
    if (err instanceof TemplateError) throw gatewayErrors.internal();
    throw err;
  }
}

/** The request template chosen by the integration's TemplateSelectionExpression, or the
 * message itself under the passthrough behaviour; undefined refuses the message. */
function requestPayload(input: WebSocketIntegrationInput, plan: MappingPlan): string | undefined {
  const { templates, selection, key: keyOf } = plan.requestTemplates;
  const key = templates.size ? keyOf(selection({ requestBody: () => parseJson(input.body) })) : undefined;
  if (key !== undefined) return render(templates.get(key)!, input.body, input);
  const passthrough = input.integration.PassthroughBehavior ?? 'WHEN_NO_MATCH';
  if (passthrough === 'NEVER' || (passthrough === 'WHEN_NO_TEMPLATES' && templates.size)) return undefined;
  return input.body;
}

/** The integration response chosen by IntegrationResponseSelectionExpression (for a Lambda
 * function's error, by its errorMessage), rendered by its template; without integration
 * responses the integration's body goes back as it is. A function error no key takes fails
 * the route, as API Gateway's "No match for output mapping" does. */
function integrationResponse(input: WebSocketIntegrationInput, plan: MappingPlan, answer: EndpointAnswer): string | undefined {
  const { status, body, errorMessage } = answer;
  if (!input.route.integrationResponses.length && errorMessage === undefined) return body === '' ? undefined : body;
  const sources = { integrationStatus: status, integrationBody: () => parseJson(body) };
  const selected = errorMessage ?? plan.responseSelection(sources);
  const key = plan.responseKey(selected);
  const response = key === undefined ? undefined : plan.responses.get(key);
  if (!response && errorMessage !== undefined) {
    publishStep('error', `No integration response matches the function error "${errorMessage}"`);
    throw gatewayErrors.internal();
  }
  if (!response) return body === '' ? undefined : body;
  const { templates, selection, key: keyOf } = response.templates;
  if (!templates.size) return body === '' ? undefined : body;
  const templateKey = keyOf(selection(sources));
  if (templateKey === undefined) return body === '' ? undefined : body;
  return render(templates.get(templateKey)!, body, input);
}
