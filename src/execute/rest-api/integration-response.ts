// Integration response: the method's integration response whose selectionPattern (a Java
// regular expression, matched against the whole status code or Lambda errorMessage) fits,
// else the default one (no selectionPattern). Its responseParameters set method response
// headers; its template, chosen by the client's Accept header (else application/json, else
// the first), renders the body and may override the status and headers; without a template
// the body passes through. contentHandling and the client's first Accept type convert
// between binary and base64 text (content-handling.ts).
import type { Integration } from '../../models/apigateway.types.ts';
import { TemplateError, type ResponseOverride } from '../vtl/index.ts';
import { responsePayload } from './content-handling.ts';
import { restErrors } from './errors.ts';
import type { EndpointResponse } from './integrations/contract.ts';
import { templateVariables, valueSources, type Invocation } from './invocation.ts';
import type { RestResponse } from './respond.ts';
import { isBinaryType, mediaType } from './request.ts';
import { chooseResponseTemplate, integrationPlan, outputBytes, selectResponse } from './plan.ts';

/** `context` is the request's: `$context.responseOverride` a request template set applies to
 * the answer (a response template sees it and may override it in turn). */
export function integrationResponse(inv: Invocation, integration: Integration, endpoint: EndpointResponse, context: Record<string, unknown>): RestResponse {
  const requested = context.responseOverride as ResponseOverride | undefined;
  const plan = integrationPlan(integration);
  if (!plan.hasResponses) {
    // No integration responses configured: the endpoint's answer passes through with its status.
    const body = passthroughBody(integration, endpoint, convert(inv, endpoint, undefined));
    return { status: requested?.status ?? endpoint.status, headers: { 'Content-Type': 'application/json', ...requested?.header }, body };
  }
  const chosen = selectResponse(plan, endpoint.selector);
  if (!chosen) throw restErrors.internal();
  const headers: Record<string, string | string[]> = {};
  if (chosen.headers.length) {
    const sources = {
      ...valueSources(inv, context),
      responseHeader: (name: string) => endpoint.headers.get(name.toLowerCase()),
      responseBody: () => endpoint.body.toString('utf8'),
    };
    for (const [name, mapping] of chosen.headers) {
      const value = mapping.value(sources);
      if (name && value !== undefined) headers[name] = value;
    }
  }
  // Overrides are final: they win over responseParameters.
  Object.assign(headers, requested?.header);
  const template = chooseResponseTemplate(chosen.templates, inv.req.headers.get('accept')?.at(-1));
  let body = convert(inv, endpoint, chosen.response.contentHandling);
  let outStatus = requested?.status ?? chosen.status;
  let contentType = 'application/json';
  if (template) {
    contentType = template.contentType;
    let rendered;
    try {
      rendered = template.template.render(templateVariables(inv, body, context));
    } catch (e) {
      if (e instanceof TemplateError) throw restErrors.internal();
      throw e;
    }
    body = outputBytes(template.template, rendered.output);
    if (rendered.responseOverride?.status !== undefined) outStatus = rendered.responseOverride.status;
    Object.assign(headers, rendered.responseOverride?.header);
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = contentType;
  return { status: outStatus, headers, body };
}

function passthroughBody(integration: Integration, endpoint: EndpointResponse, body: Buffer): Buffer {
  // A MOCK endpoint has no payload of its own; templates and passthrough see `{}`, as $input.body does.
  if (integration.type === 'MOCK' && !endpoint.body.length) return Buffer.from('{}');
  return body;
}

const NOTHING_BINARY = { payloadBinary: false, acceptBinary: false };

/** The endpoint's payload is binary when its Content-Type is a binary media type; the client wants binary when its first Accept type is one. */
function convert(inv: Invocation, endpoint: EndpointResponse, handling: string | undefined): Buffer {
  const binaryTypes = inv.snapshot.api.binaryMediaTypes;
  if (!binaryTypes?.length) return responsePayload(endpoint.body, NOTHING_BINARY, handling);
  const payloadBinary = isBinaryType(mediaType(endpoint.headers.get('content-type')?.at(-1)), binaryTypes);
  const acceptBinary = isBinaryType(mediaType(inv.req.headers.get('accept')?.at(-1)?.split(',')[0]), binaryTypes);
  return responsePayload(endpoint.body, { payloadBinary, acceptBinary }, handling);
}
