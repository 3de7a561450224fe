// What a non-proxy REST integration needs per request, compiled once per deployed
// integration: request parameter targets and their mapping expressions, the request
// templates by content type (parsed, with what each reads), what a content type without a
// template gets, the integration responses with their selection patterns compiled, their
// response parameters and templates, and the `$context` keys any of it reads. Deployment
// snapshots are immutable, so plans are cached by the integration object; TestInvokeMethod
// freezes a fresh snapshot per call, so its plans go with it.
import type { Integration, IntegrationResponse } from '../../models/apigateway.types.ts';
import { wholeMatcher } from '../languages/java-regex/java-regex.ts';
import { compileTemplate, type CompiledTemplate, type TemplateReads } from '../vtl/index.ts';
import { compileMapping, type CompiledMapping } from './values.ts';

type ParameterKind = 'header' | 'querystring' | 'path' | 'multivaluequerystring' | 'multivalueheader';

export interface RequestParameterPlan {
  kind: ParameterKind;
  name: string;
  mapping: CompiledMapping;
}

/** A response template map: exact (case-insensitive) media types, and the one used when
 * the client accepts none of them (application/json, else the first). */
export interface ResponseTemplates {
  byType: Map<string, { contentType: string; template: CompiledTemplate }>;
  fallback?: { contentType: string; template: CompiledTemplate };
  /** Whether the Accept header can change the choice: false when one template is all there is. */
  acceptDecides: boolean;
}

export interface ResponsePlan {
  response: IntegrationResponse;
  status: number;
  /** method.response.header.NAME targets and their expressions. */
  headers: Array<[string, CompiledMapping]>;
  templates: ResponseTemplates;
}

export interface IntegrationPlan {
  integration: Integration;
  requestParameters: RequestParameterPlan[];
  /** Lower-cased content type -> template (the first key of that spelling wins). */
  requestTemplates: Map<string, CompiledTemplate>;
  /** What a content type without a template gets (passthroughBehavior). */
  withoutTemplate: 'passthrough' | 'unsupported';
  /** Integration responses with a selection pattern, in order; a pattern Java cannot
   * compile matches nothing (null). */
  selectable: Array<{ pattern: RegExp | null; plan: ResponsePlan }>;
  /** The first response without a selection pattern. */
  defaultResponse?: ResponsePlan;
  hasResponses: boolean;
  /** Top-level `$context` keys the templates and mappings read; 'all' when unknown. */
  contextKeys: ReadonlySet<string> | 'all';
}

const REQUEST_TARGET = /^integration\.request\.(header|querystring|path|multivaluequerystring|multivalueheader)\.(.+)$/;
const RESPONSE_HEADER = 'method.response.header.';

function compileResponse(response: IntegrationResponse): ResponsePlan {
  const headers: Array<[string, CompiledMapping]> = [];
  for (const [target, expression] of Object.entries(response.responseParameters ?? {})) {
    if (target.startsWith(RESPONSE_HEADER)) headers.push([target.slice(RESPONSE_HEADER.length), compileMapping(expression)]);
  }
  const compiled = Object.entries(response.responseTemplates ?? {}).map(([contentType, source]) => ({ contentType, template: compileTemplate(source) }));
  const byType = new Map<string, { contentType: string; template: CompiledTemplate }>();
  for (const entry of compiled) if (!byType.has(entry.contentType.toLowerCase())) byType.set(entry.contentType.toLowerCase(), entry);
  const fallback = compiled.find((t) => t.contentType === 'application/json') ?? compiled[0];
  const acceptDecides = compiled.length > 1;
  return { response, status: Number(response.statusCode ?? 200), headers, templates: { byType, fallback, acceptDecides } };
}

/** The union of what the templates and mappings read of `$context`. */
function contextKeysOf(reads: TemplateReads[], mappings: CompiledMapping[]): ReadonlySet<string> | 'all' {
  const keys = new Set<string>();
  for (const r of reads) {
    if (r.context === 'all') return 'all';
    for (const k of r.context) keys.add(k);
  }
  for (const m of mappings) if (m.contextKey !== undefined) keys.add(m.contextKey);
  return keys;
}

export function compileIntegrationPlan(integration: Integration): IntegrationPlan {
  const requestParameters: RequestParameterPlan[] = [];
  for (const [target, expression] of Object.entries(integration.requestParameters ?? {})) {
    const m = REQUEST_TARGET.exec(target);
    if (m) requestParameters.push({ kind: m[1] as ParameterKind, name: m[2], mapping: compileMapping(expression) });
  }
  const requestTemplates = new Map<string, CompiledTemplate>();
  const templateEntries = Object.entries(integration.requestTemplates ?? {});
  for (const [contentType, source] of templateEntries) {
    const lower = contentType.toLowerCase();
    if (!requestTemplates.has(lower)) requestTemplates.set(lower, compileTemplate(source));
  }
  const behavior = integration.passthroughBehavior ?? 'WHEN_NO_MATCH';
  const passes = behavior === 'WHEN_NO_MATCH' || (behavior === 'WHEN_NO_TEMPLATES' && templateEntries.length === 0);
  const responses = Object.values(integration.integrationResponses ?? {});
  const plans = responses.map(compileResponse);
  const selectable = responses.flatMap((r, i) => (r.selectionPattern ? [{ pattern: wholeMatcher(r.selectionPattern), plan: plans[i] }] : []));
  const reads = [...requestTemplates.values(), ...plans.flatMap((p) => [...p.templates.byType.values(), ...(p.templates.fallback ? [p.templates.fallback] : [])].map((t) => t.template))].map((t) => t.reads);
  const mappings = [...requestParameters.map((p) => p.mapping), ...plans.flatMap((p) => p.headers.map(([, m]) => m))];
  return {
    integration,
    requestParameters,
    requestTemplates,
    withoutTemplate: passes ? 'passthrough' : 'unsupported',
    selectable,
    defaultResponse: plans.find((p) => !p.response.selectionPattern),
    hasResponses: responses.length > 0,
    contextKeys: contextKeysOf(reads, mappings),
  };
}

const plans = new WeakMap<Integration, IntegrationPlan>();

/** The integration's plan, compiled on its first request. */
export function integrationPlan(integration: Integration): IntegrationPlan {
  let plan = plans.get(integration);
  if (!plan) plans.set(integration, (plan = compileIntegrationPlan(integration)));
  return plan;
}

/** The integration response whose selection pattern matches the whole selector, else the default one. */
export function selectResponse(plan: IntegrationPlan, selector: string): ResponsePlan | undefined {
  for (const { pattern, plan: response } of plan.selectable) if (pattern?.test(selector)) return response;
  return plan.defaultResponse;
}

/** The response template for the client's Accept header: its first listed type a template
 * has, else application/json, else the first template. */
export function chooseResponseTemplate(templates: ResponseTemplates, accept: string | undefined): { contentType: string; template: CompiledTemplate } | undefined {
  if (accept && templates.acceptDecides) {
    for (const part of accept.split(',')) {
      const wanted = part.split(';', 1)[0].trim().toLowerCase();
      const found = wanted && templates.byType.get(wanted);
      if (found) return found;
    }
  }
  return templates.fallback;
}

const fixedOutputs = new WeakMap<CompiledTemplate, Buffer>();

/** A rendered template's output as bytes. A template that reads nothing of the request
 * renders the same text every time: its bytes are made once (they are only ever read). */
export function outputBytes(template: CompiledTemplate, output: string): Buffer {
  if (!template.fixed) return Buffer.from(output);
  let bytes = fixedOutputs.get(template);
  if (!bytes) fixedOutputs.set(template, (bytes = Buffer.from(output)));
  return bytes;
}
