// Routes, route responses and route request parameters of an API.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict, notFound } from '../../protocol/errors.ts';
import type {
  CreateRouteRequest,
  CreateRouteResponseRequest,
  CreateRouteResponseResponse,
  CreateRouteResult,
  DeleteRouteRequest,
  DeleteRouteRequestParameterRequest,
  DeleteRouteResponseRequest,
  GetRouteRequest,
  GetRouteResponseRequest,
  GetRouteResponseResponse,
  GetRouteResponsesRequest,
  GetRouteResponsesResponse,
  GetRouteResult,
  GetRoutesRequest,
  GetRoutesResponse,
  Route,
  RouteResponse,
  UpdateRouteRequest,
  UpdateRouteResponseRequest,
  UpdateRouteResponseResponse,
  UpdateRouteResult,
} from '../../models/apigatewayv2.types.ts';
import { child, ids, newChild, paginate, responsesOf, sentMembers, updatedChild, type V2Context } from './common.ts';
import { checkRouteKeyConflicts, validateRouteKey } from './route-keys.ts';
import type { ApiRecord } from './store.ts';

type StoredRoute = Route & { RouteId: string };

/** Validates a route against its API (key, target, authorization) before it is stored. */
export function checkRoute(record: ApiRecord, route: StoredRoute) {
  const protocol = record.api.ProtocolType;
  validateRouteKey(protocol, route.RouteKey);
  const others = [...record.routes.values()].filter((r) => r.RouteId !== route.RouteId).map((r) => r.RouteKey);
  checkRouteKeyConflicts(protocol, route.RouteKey, others);
  if (route.Target !== undefined) {
    const m = /^integrations\/([^/]+)$/.exec(route.Target);
    if (!m || !record.integrations.has(m[1])) throw badRequest(`Invalid integration identifier specified in route target ${route.Target}`);
  }
  const type = route.AuthorizationType ?? 'NONE';
  if (protocol === 'WEBSOCKET' && type === 'JWT') throw badRequest('JWT authorization is supported only for HTTP APIs');
  if (protocol === 'WEBSOCKET' && route.RouteKey !== '$connect' && type !== 'NONE') {
    throw badRequest('Currently, authorization is restricted to the $connect route only');
  }
  if (type === 'JWT' || type === 'CUSTOM') {
    if (!route.AuthorizerId) throw badRequest(`An AuthorizerId is required for authorization type ${type}`);
    const authorizer = record.authorizers.get(route.AuthorizerId);
    if (!authorizer) throw badRequest(`Invalid authorizer identifier specified ${route.AuthorizerId}`);
    const expected = type === 'JWT' ? 'JWT' : 'REQUEST';
    if (authorizer.AuthorizerType !== expected) {
      throw badRequest(`Authorizer ${route.AuthorizerId} of type ${authorizer.AuthorizerType} cannot be used with authorization type ${type}`);
    }
  } else if (route.AuthorizerId !== undefined) {
    throw badRequest(`An AuthorizerId can only be specified for authorization types JWT and CUSTOM`);
  }
  if (route.AuthorizationScopes?.length && type !== 'JWT') {
    throw badRequest('AuthorizationScopes are supported only for JWT authorization');
  }
}

/** Validates and stores a new route (also used by quick create). */
export function addRoute(record: ApiRecord, fields: Route): StoredRoute {
  const route: StoredRoute = { ApiKeyRequired: false, AuthorizationType: 'NONE', ...fields, RouteId: ids.child() };
  checkRoute(record, route);
  record.routes.set(route.RouteId, route);
  return route;
}

export class RouteOperations {
  constructor(private readonly v2: V2Context) {}

  createRoute(input: CreateRouteRequest, ctx: RequestContext): CreateRouteResult {
    const record = this.v2.api(ctx, input.ApiId);
    const route = addRoute(record, sentMembers<Route>(input, ['ApiId']));
    this.v2.changed(record, ctx);
    return route;
  }

  getRoute(input: GetRouteRequest, ctx: RequestContext): GetRouteResult {
    return this.v2.find(ctx, input.ApiId, 'Route', input.RouteId).found;
  }

  getRoutes(input: GetRoutesRequest, ctx: RequestContext): GetRoutesResponse {
    return this.v2.page(ctx, 'Route', input);
  }

  updateRoute(input: UpdateRouteRequest, ctx: RequestContext): UpdateRouteResult {
    return this.v2.update(ctx, 'Route', input, (updated, record) => {
      // Switching to an authorization type without an authorizer drops the stale authorizer.
      if (input.AuthorizationType !== undefined && input.AuthorizerId === undefined && (input.AuthorizationType === 'NONE' || input.AuthorizationType === 'AWS_IAM')) {
        delete updated.AuthorizerId;
        delete updated.AuthorizationScopes;
      }
      checkRoute(record, updated);
    });
  }

  deleteRoute(input: DeleteRouteRequest, ctx: RequestContext): void {
    const { record, found: route } = this.v2.find(ctx, input.ApiId, 'Route', input.RouteId);
    record.routes.delete(route.RouteId);
    record.routeResponses.delete(route.RouteId);
    this.v2.changed(record, ctx);
  }

  deleteRouteRequestParameter(input: DeleteRouteRequestParameterRequest, ctx: RequestContext): void {
    const { record, found: route } = this.v2.find(ctx, input.ApiId, 'Route', input.RouteId);
    if (!route.RequestParameters || !(input.RequestParameterKey in route.RequestParameters)) {
      throw notFound(`Invalid request parameter key specified ${input.RequestParameterKey}`);
    }
    const { [input.RequestParameterKey]: _removed, ...rest } = route.RequestParameters;
    route.RequestParameters = rest;
    this.v2.changed(record, ctx);
  }

  createRouteResponse(input: CreateRouteResponseRequest, ctx: RequestContext): CreateRouteResponseResponse {
    const { record, found: route } = this.v2.find(ctx, input.ApiId, 'Route', input.RouteId);
    if (record.api.ProtocolType !== 'WEBSOCKET') throw badRequest('Route responses are supported only for WebSocket APIs');
    checkRouteResponseKey(input.RouteResponseKey);
    const responses = responsesOf(record.routeResponses, route.RouteId);
    if ([...responses.values()].some((r) => r.RouteResponseKey === input.RouteResponseKey)) {
      throw conflict(`Route response with key ${input.RouteResponseKey} already exists for this route`);
    }
    const response: RouteResponse = newChild<RouteResponse>(input, ['ApiId', 'RouteId'], { RouteResponseId: ids.child() });
    responses.set(response.RouteResponseId!, response);
    this.v2.changed(record, ctx);
    return response;
  }

  getRouteResponse(input: GetRouteResponseRequest, ctx: RequestContext): GetRouteResponseResponse {
    return this.findResponse(input, ctx).response;
  }

  getRouteResponses(input: GetRouteResponsesRequest, ctx: RequestContext): GetRouteResponsesResponse {
    const { record, found: route } = this.v2.find(ctx, input.ApiId, 'Route', input.RouteId);
    return paginate(responsesOf(record.routeResponses, route.RouteId).values(), input);
  }

  updateRouteResponse(input: UpdateRouteResponseRequest, ctx: RequestContext): UpdateRouteResponseResponse {
    const { record, responses, response } = this.findResponse(input, ctx);
    if (input.RouteResponseKey !== undefined) checkRouteResponseKey(input.RouteResponseKey);
    const updated = updatedChild(response, input, ['ApiId', 'RouteId', 'RouteResponseId']);
    responses.set(response.RouteResponseId!, updated);
    this.v2.changed(record, ctx);
    return updated;
  }

  deleteRouteResponse(input: DeleteRouteResponseRequest, ctx: RequestContext): void {
    const { record, responses, response } = this.findResponse(input, ctx);
    responses.delete(response.RouteResponseId!);
    this.v2.changed(record, ctx);
  }

  private findResponse(input: { ApiId: string; RouteId: string; RouteResponseId: string }, ctx: RequestContext) {
    const { record, found: route } = this.v2.find(ctx, input.ApiId, 'Route', input.RouteId);
    const responses = responsesOf(record.routeResponses, route.RouteId);
    const response = child(responses, input.RouteResponseId, 'RouteResponse', ctx, input.ApiId);
    return { record, responses, response };
  }
}

/** WebSocket route responses currently take only the `$default` key. */
function checkRouteResponseKey(key: string) {
  if (key !== '$default') throw badRequest(`Currently, only $default is supported as a route response key`);
}
