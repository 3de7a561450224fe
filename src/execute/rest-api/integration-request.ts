// Integration request: requestParameters map method request values onto the integration's
// headers, query string and path; the request template is chosen by the request's
// Content-Type (application/json when none) and passthroughBehavior decides what happens
// without one (WHEN_NO_MATCH passes the body through; WHEN_NO_TEMPLATES only when no
// template is defined; NEVER refuses: 415). contentHandling converts a binary payload to
// base64 text (CONVERT_TO_TEXT) or base64 text to binary (CONVERT_TO_BINARY); see
// content-handling.ts.
import type { Integration } from '../../models/apigateway.types.ts';
import { TemplateError, type CompiledTemplate, type RequestOverride } from '../vtl/index.ts';
import { requestPayload } from './content-handling.ts';
import { restErrors } from './errors.ts';
import { templateContext, templateVariables, valueSources, type Invocation } from './invocation.ts';
import { isBinaryType, mediaType } from './request.ts';
import { integrationPlan, outputBytes, type IntegrationPlan } from './plan.ts';

export interface IntegrationRequest {
  /** Lower-cased header name -> values. */
  headers: Map<string, string[]>;
  query: Map<string, string[]>;
  /** integration.request.path.NAME values, for {NAME} in the integration URI. */
  path: Record<string, string>;
  body: Buffer;
  /** $context the templates saw (with the authorizer and identity), and the overrides the
   * request template set: the response template sees them and the response applies
   * `responseOverride` (renderTemplate's buildContext reads both back). */
  context: Record<string, unknown>;
  /** The request template rendered, if one was. */
  template?: CompiledTemplate;
}

/** The request template for the content type, or passthrough when passthroughBehavior
 * allows it (415 otherwise). */
export function chooseTemplate(plan: IntegrationPlan, contentType: string): CompiledTemplate | 'passthrough' {
  const template = plan.requestTemplates.get(contentType);
  if (template) return template;
  if (plan.withoutTemplate === 'passthrough') return 'passthrough';
  throw restErrors.unsupportedMediaType();
}

/** Builds what goes to the integration. `withRequest` starts from the client's own headers and query (proxy integrations). */
export function integrationRequest(inv: Invocation, integration: Integration, withRequest: boolean): IntegrationRequest {
  const plan = integrationPlan(integration);
  // Proxy integrations render no template: only their request parameters read $context.
  const context = templateContext(inv, plan.contextKeys);
  const headers = withRequest ? new Map([...inv.req.headers].map(([k, v]) => [k, v.slice()])) : new Map<string, string[]>();
  const query = withRequest ? new Map([...inv.req.query].map(([k, v]) => [k, v.slice()])) : new Map<string, string[]>();
  const path: Record<string, string> = {};
  const sources = plan.requestParameters.length ? valueSources(inv, context) : undefined;
  for (const { kind, name, mapping } of plan.requestParameters) {
    const value = mapping.value(sources!);
    if (value === undefined) continue;
    if (kind === 'header' || kind === 'multivalueheader') headers.set(name.toLowerCase(), kind === 'header' ? [value] : value.split(','));
    else if (kind === 'querystring' || kind === 'multivaluequerystring') query.set(name, kind === 'querystring' ? [value] : value.split(','));
    else path[name] = value;
  }
  const contentType = mediaType(inv.req.headers.get('content-type')?.at(-1)) ?? 'application/json';
  const binary = isBinaryType(contentType, inv.snapshot.api.binaryMediaTypes);
  const payload = requestPayload(inv.req.body, binary, integration.contentHandling);
  const choice = withRequest ? 'passthrough' : chooseTemplate(plan, contentType);
  let body = payload;
  if (choice !== 'passthrough') {
    const rendered = render(choice, payload, inv, context);
    body = outputBytes(choice, rendered.output);
    if (rendered.requestOverride) {
      applyOverride(rendered.requestOverride, headers, query, path);
      context.requestOverride = rendered.requestOverride;
    }
    if (rendered.responseOverride) context.responseOverride = rendered.responseOverride;
  }
  return { headers, query, path, body, context, template: choice === 'passthrough' ? undefined : choice };
}

function render(template: CompiledTemplate, payload: Buffer, inv: Invocation, context: Record<string, unknown>) {
  try {
    return template.render(templateVariables(inv, payload, context));
  } catch (e) {
    if (e instanceof TemplateError) throw restErrors.internal();
    throw e;
  }
}

function applyOverride(o: RequestOverride, headers: Map<string, string[]>, query: Map<string, string[]>, path: Record<string, string>) {
  for (const [k, v] of Object.entries(o.header)) headers.set(k.toLowerCase(), [v]);
  for (const [k, v] of Object.entries(o.querystring)) query.set(k, [v]);
  Object.assign(path, o.path);
}
