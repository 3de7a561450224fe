// What the data plane precomputes once per deployed snapshot of an HTTP API: the route
// table, CORS settings, per integration its compiled parameter mappings, and each route's
// integration. Snapshots are
// immutable, so the compiled form is cached by snapshot identity.
import type { Integration, Route } from '../../models/apigatewayv2.types.ts';
import type { ApiSnapshot } from '../../services/apigatewayv2/store.ts';
import { compileCors, type CompiledCors } from './cors.ts';
import { compileMappings, type CompiledMapping } from './parameter-mapping.ts';
import { RouteTable } from './routes.ts';

export interface CompiledIntegration {
  integration: Integration;
  requestMappings: CompiledMapping[];
  /** Keyed by the integration's status code. */
  responseMappings: Map<number, CompiledMapping[]>;
  timeoutMs: number;
}

export interface CompiledApi {
  snapshot: ApiSnapshot;
  routes: RouteTable;
  cors?: CompiledCors;
  integrations: Map<string, CompiledIntegration>;
  /** Each route's integration (its Target "integrations/{id}"); absent when it names none. */
  routeIntegrations: Map<Route, CompiledIntegration>;
}

/** HTTP APIs allow integration timeouts of 50 ms to 30 s (the default). */
const MAX_TIMEOUT_MS = 30_000;

function compileIntegration(integration: Integration): CompiledIntegration {
  const responseMappings = new Map<number, CompiledMapping[]>();
  for (const [status, params] of Object.entries(integration.ResponseParameters ?? {})) {
    responseMappings.set(Number(status), compileMappings(params));
  }
  const timeout = integration.TimeoutInMillis;
  return {
    integration,
    requestMappings: compileMappings(integration.RequestParameters),
    responseMappings,
    timeoutMs: timeout && timeout > 0 ? Math.min(timeout, MAX_TIMEOUT_MS) : MAX_TIMEOUT_MS,
  };
}

const cache = new WeakMap<ApiSnapshot, CompiledApi>();

export function compiledApi(snapshot: ApiSnapshot): CompiledApi {
  let compiled = cache.get(snapshot);
  if (!compiled) {
    const integrations = new Map<string, CompiledIntegration>();
    for (const [id, integration] of snapshot.integrations) integrations.set(id, compileIntegration(integration));
    const routeIntegrations = new Map<Route, CompiledIntegration>();
    for (const route of snapshot.routes) {
      const target = route.Target?.startsWith('integrations/') ? integrations.get(route.Target.slice('integrations/'.length)) : undefined;
      if (target) routeIntegrations.set(route, target);
    }
    compiled = { snapshot, routes: new RouteTable(snapshot.routes), cors: compileCors(snapshot.api.CorsConfiguration), integrations, routeIntegrations };
    cache.set(snapshot, compiled);
  }
  return compiled;
}
