// What the WebSocket data plane reads from a deployed snapshot, compiled once per snapshot:
// the route selection expression, routes by route key, and for each route its integration,
// route responses and, for mapped integrations (MOCK, HTTP, AWS), the template and
// integration response selections with their templates parsed (mapped.ts runs them; built
// on a route's first message).
import type { Integration, IntegrationResponse, Route, RouteResponse } from '../../models/apigatewayv2.types.ts';
import type { ApiSnapshot } from '../../services/apigatewayv2/store.ts';
import { compileTemplate, type CompiledTemplate } from '../vtl/index.ts';
import { compileKeySelector, compileSelection, type CompiledSelection } from './selection.ts';

/** A map of templates keyed by selection value, and the expression that picks one. */
export interface TemplateChoice {
  selection: CompiledSelection;
  key: (value: string | undefined) => string | undefined;
  templates: Map<string, CompiledTemplate>;
}

export interface MappingPlan {
  requestTemplates: TemplateChoice;
  responseSelection: CompiledSelection;
  responseKey: (value: string | undefined) => string | undefined;
  /** By integration response key (the first response of a key wins). */
  responses: Map<string, { response: IntegrationResponse; templates: TemplateChoice }>;
}

export interface CompiledRoute {
  route: Route;
  integration?: Integration;
  integrationResponses: IntegrationResponse[];
  /** Two-way route: its integration's result goes back to the client. */
  twoWay: boolean;
}

export interface CompiledWebSocketApi {
  snapshot: ApiSnapshot;
  routeSelection: CompiledSelection;
  routes: Map<string, CompiledRoute>;
}

const cache = new WeakMap<ApiSnapshot, CompiledWebSocketApi>();

function templateChoice(templates: Record<string, string> | undefined, expression: string | undefined): TemplateChoice {
  const compiled = new Map(Object.entries(templates ?? {}).map(([key, source]) => [key, compileTemplate(source)]));
  return { selection: compileSelection(expression), key: compileKeySelector(compiled.keys()), templates: compiled };
}

const mappingPlans = new WeakMap<CompiledRoute, MappingPlan>();

/** The mapping plan of the route's integration (MOCK, HTTP and AWS), compiled on its first message. */
export function mappingPlan(route: CompiledRoute, integration: Integration): MappingPlan {
  let plan = mappingPlans.get(route);
  if (!plan) mappingPlans.set(route, (plan = compileMappingPlan(integration, route.integrationResponses)));
  return plan;
}

function compileMappingPlan(integration: Integration, responses: IntegrationResponse[]): MappingPlan {
  const byKey = new Map<string, { response: IntegrationResponse; templates: TemplateChoice }>();
  for (const response of responses) {
    const key = response.IntegrationResponseKey;
    if (key !== undefined && !byKey.has(key)) byKey.set(key, { response, templates: templateChoice(response.ResponseTemplates, response.TemplateSelectionExpression) });
  }
  return {
    requestTemplates: templateChoice(integration.RequestTemplates, integration.TemplateSelectionExpression),
    responseSelection: compileSelection(integration.IntegrationResponseSelectionExpression ?? '${integration.response.statuscode}'),
    responseKey: compileKeySelector(responses.flatMap((r) => (r.IntegrationResponseKey === undefined ? [] : [r.IntegrationResponseKey]))),
    responses: byKey,
  };
}

function compileRoute(snapshot: ApiSnapshot, route: Route): CompiledRoute {
  const integrationId = route.Target?.startsWith('integrations/') ? route.Target.slice('integrations/'.length) : undefined;
  const integration = integrationId ? snapshot.integrations.get(integrationId) : undefined;
  const responses: RouteResponse[] = route.RouteId ? (snapshot.routeResponses.get(route.RouteId) ?? []) : [];
  const integrationResponses = integrationId ? (snapshot.integrationResponses.get(integrationId) ?? []) : [];
  // AWS supports only `$default` as route response selection expression; a two-way route
  // has it and a route response to answer with.
  const twoWay = route.RouteResponseSelectionExpression !== undefined && responses.length > 0;
  return { route, integration, integrationResponses, twoWay };
}

export function compiledWebSocketApi(snapshot: ApiSnapshot): CompiledWebSocketApi {
  let compiled = cache.get(snapshot);
  if (!compiled) {
    const routes = new Map<string, CompiledRoute>();
    for (const route of snapshot.routes) routes.set(route.RouteKey, compileRoute(snapshot, route));
    compiled = { snapshot, routeSelection: compileSelection(snapshot.api.RouteSelectionExpression), routes };
    cache.set(snapshot, compiled);
  }
  return compiled;
}
