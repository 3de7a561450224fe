// Rendering a gateway response: the deployment's customisation of the fault's type (or of
// DEFAULT_4XX / DEFAULT_5XX), else AWS's default — the type's status code and the template
// {"message":$context.error.messageString}. responseParameters set gatewayresponse.header.X
// from literals, method request parameters, stage variables and $context.
import type { GatewayResponseType } from '../../models/apigateway.types.ts';
import { effectiveGatewayResponse } from '../../services/apigateway/gateway-responses.ts';
import type { RestApiSnapshot } from '../../services/apigateway/store.ts';
import { renderTemplate } from '../vtl/index.ts';
import { ERROR_TYPES, type RestGatewayError } from './errors.ts';
import type { RestResponse } from './respond.ts';
import { mappingValue, type ValueSources } from './values.ts';

interface GatewayResponseInput {
  snapshot?: RestApiSnapshot;
  /** $context as far as the request got. */
  context: Record<string, unknown>;
  sources?: ValueSources;
  params?: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
}

export function renderGatewayResponse(err: RestGatewayError, input: GatewayResponseInput): RestResponse {
  const type: GatewayResponseType = err.type;
  const response = effectiveGatewayResponse(input.snapshot?.gatewayResponses ?? {}, type);
  const status = Number(response.statusCode ?? err.statusOverride ?? (type === 'DEFAULT_4XX' ? 400 : 500));
  const error = {
    message: err.messageValue,
    messageString: JSON.stringify(err.messageValue),
    responseType: type,
    validationErrorString: err.type === 'BAD_REQUEST_BODY' ? JSON.stringify(err.messageValue) : '',
  };
  const context = { ...input.context, error };
  const headers: Record<string, string | string[]> = {};
  const errorType = ERROR_TYPES[type];
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  for (const [key, expression] of Object.entries(response.responseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    if (!name) continue;
    const value = input.sources ? mappingValue(expression, { ...input.sources, context }) : literal(expression);
    if (value !== undefined) headers[name] = value;
  }
  const templates = response.responseTemplates ?? {};
  const contentType = templates['application/json'] !== undefined ? 'application/json' : Object.keys(templates)[0];
  let body = '';
  if (contentType !== undefined) {
    try {
      body = renderTemplate(templates[contentType], {
        body: '',
        params: input.params ?? { path: {}, querystring: {}, header: {} },
        context,
        stageVariables: input.sources?.stageVariables ?? {},
      }).output;
    } catch {
      body = `{"message":${error.messageString}}`;
    }
  }
  if (err.uncustomisedBody !== undefined && !isCustomised(input.snapshot, type, status)) body = err.uncustomisedBody;
  headers['Content-Type'] = contentType ?? 'application/json';
  return { status, headers, body: Buffer.from(body) };
}

/** Whether the deployment customised this type or the DEFAULT_4XX/5XX that covers it. */
function isCustomised(snapshot: RestApiSnapshot | undefined, type: GatewayResponseType, status: number): boolean {
  const customised = snapshot?.gatewayResponses ?? {};
  return Boolean(customised[type] || customised[status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX']);
}

function literal(expression: string): string | undefined {
  const e = expression.trim();
  return e.length >= 2 && e.startsWith("'") && e.endsWith("'") ? e.slice(1, -1) : undefined;
}
