// What the WebSocket data plane reads from a deployed snapshot, indexed once per snapshot:
// routes by route key, and for each route its integration and route responses.
import type { Integration, IntegrationResponse, Route, RouteResponse } from '../../models/apigatewayv2.types.ts';
import type { ApiSnapshot } from '../../services/apigatewayv2/store.ts';

export interface CompiledRoute {
  route: Route;
  integration?: Integration;
  integrationResponses: IntegrationResponse[];
  /** Two-way route: its integration's result goes back to the client. */
  twoWay: boolean;
}

export interface CompiledWebSocketApi {
  snapshot: ApiSnapshot;
  routes: Map<string, CompiledRoute>;
}

const cache = new WeakMap<ApiSnapshot, CompiledWebSocketApi>();

function compileRoute(snapshot: ApiSnapshot, route: Route): CompiledRoute {
  const integrationId = route.Target?.startsWith('integrations/') ? route.Target.slice('integrations/'.length) : undefined;
  const integration = integrationId ? snapshot.integrations.get(integrationId) : undefined;
  const responses: RouteResponse[] = route.RouteId ? (snapshot.routeResponses.get(route.RouteId) ?? []) : [];
  // AWS supports only `$default` as route response selection expression; a two-way route
  // has it and a route response to answer with.
  const twoWay = route.RouteResponseSelectionExpression !== undefined && responses.length > 0;
  return {
    route,
    integration,
    integrationResponses: integrationId ? (snapshot.integrationResponses.get(integrationId) ?? []) : [],
    twoWay,
  };
}

export function compiledWebSocketApi(snapshot: ApiSnapshot): CompiledWebSocketApi {
  let compiled = cache.get(snapshot);
  if (!compiled) {
    const routes = new Map<string, CompiledRoute>();
    for (const route of snapshot.routes) routes.set(route.RouteKey, compileRoute(snapshot, route));
    compiled = { snapshot, routes };
    cache.set(snapshot, compiled);
  }
  return compiled;
}
