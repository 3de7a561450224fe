// The OpenAPI (Swagger 2.0, or 3.x with OpenApiVersion) body SAM builds for a REST API from
// its Api events: one operation per event with an aws_proxy Lambda integration, request
// parameters and models, CORS preflight methods, gateway responses and binary media types.
import { invalidEvent, invalidResource } from './errors.ts';
import type { RestApiModel, RestRoute } from './rest-api.ts';
import { isPlainObject, sub } from './values.ts';

export const ANY_METHOD = 'x-amazon-apigateway-any-method';
const CORS_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

export const emptySwagger = () => ({ swagger: '2.0', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} as Record<string, any> });

export function lambdaProxyIntegration(partition: string, arnVariable: string) {
  return {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: sub(`arn:${partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${arnVariable}}/invocations`),
  };
}

/** Adds the event's operation to the body (SAM refuses a second event on the same path and method). */
export function addRoute(body: Record<string, any>, api: RestApiModel, route: RestRoute, partition: string) {
  const method = route.method === 'any' ? ANY_METHOD : route.method;
  const path = (body.paths[route.path] ??= {});
  if (path[method]) {
    throw invalidEvent(route.fn.logicalId, route.eventId, `API method "${route.method}" defined multiple times for path "${route.path}".`);
  }
  const op: Record<string, any> = { 'x-amazon-apigateway-integration': lambdaProxyIntegration(partition, route.fn.arnSubVariable), responses: {} };
  path[method] = op;
  requestModel(body, op, api, route);
  requestParameters(op, route);
}

function requestParameters(op: Record<string, any>, route: RestRoute) {
  const list = route.event.RequestParameters;
  if (list === undefined) return;
  if (!Array.isArray(list)) throw invalidEvent(route.fn.logicalId, route.eventId, "Property 'RequestParameters' should be a list.");
  const cacheKeys: string[] = [];
  for (const entry of list) {
    const [name, settings] = typeof entry === 'string' ? [entry, {}] : isPlainObject(entry) ? Object.entries(entry)[0] ?? [] : [];
    const m = typeof name === 'string' ? /^method\.request\.(header|querystring|path)\.(.+)$/.exec(name) : null;
    if (!m) {
      throw invalidEvent(route.fn.logicalId, route.eventId, "Invalid value for 'RequestParameters' property. Keys must be in the format 'method.request.[querystring|path|header].{value}', e.g 'method.request.header.Authorization'.");
    }
    const where = m[1] === 'querystring' ? 'query' : m[1];
    op.parameters ??= [];
    op.parameters.push({ in: where, name: m[2], required: isPlainObject(settings) && settings.Required === true, type: 'string' });
    if (isPlainObject(settings) && settings.Caching === true) cacheKeys.push(m[0]);
  }
  if (cacheKeys.length) op['x-amazon-apigateway-integration'].cacheKeyParameters = cacheKeys;
}

function requestModel(body: Record<string, any>, op: Record<string, any>, api: RestApiModel, route: RestRoute) {
  const rm = route.event.RequestModel;
  if (rm === undefined) return;
  if (!isPlainObject(rm) || typeof rm.Model !== 'string') throw invalidEvent(route.fn.logicalId, route.eventId, "Property 'RequestModel.Model' should be a string.");
  const models = api.props.Models;
  if (!isPlainObject(models) || !(rm.Model in models)) {
    throw invalidEvent(route.fn.logicalId, route.eventId, `Unable to set RequestModel [${rm.Model}] on API method [${route.method}] for path [${route.path}] because the related API does not define any 'Models'.`);
  }
  const name = rm.Model.toLowerCase();
  op.parameters ??= [];
  op.parameters.push({ in: 'body', name, required: rm.Required === true, schema: { $ref: `#/definitions/${name}` } });
  if (rm.ValidateBody !== undefined || rm.ValidateParameters !== undefined) {
    const validateBody = rm.ValidateBody === true;
    const validateParameters = rm.ValidateParameters === true;
    const validator = validateBody && validateParameters ? 'body-and-params' : validateBody ? 'body-only' : validateParameters ? 'params-only' : 'no-validation';
    body['x-amazon-apigateway-request-validators'] ??= {};
    body['x-amazon-apigateway-request-validators'][validator] = { validateRequestBody: validateBody, validateRequestParameters: validateParameters };
    op['x-amazon-apigateway-request-validator'] = validator;
  }
}

/** The API's Models as Swagger definitions (SAM lower-cases their names). */
export function addModels(body: Record<string, any>, api: RestApiModel) {
  const models = api.props.Models;
  if (models === undefined) return;
  if (!isPlainObject(models)) throw invalidResource(api.logicalId, "Invalid value for 'Models' property");
  for (const [name, schema] of Object.entries(models)) {
    if (!isPlainObject(schema)) throw invalidResource(api.logicalId, `Invalid value for '${name}' model. It must be a map.`);
    body.definitions ??= {};
    body.definitions[name.toLowerCase()] = schema;
  }
}

/** Cors: an OPTIONS mock method on every path that has none, answering the configured headers. */
export function addCors(body: Record<string, any>, api: RestApiModel, optionsSecurity: () => unknown[] | undefined) {
  const cors = api.props.Cors;
  if (cors === undefined) return;
  const config = typeof cors === 'string' || !isPlainObject(cors) || 'Fn::Sub' in cors ? { AllowOrigin: cors } : cors;
  if (config.AllowOrigin === undefined) throw invalidResource(api.logicalId, "Invalid value for 'Cors' property");
  for (const path of Object.values(body.paths as Record<string, any>)) {
    if (!isPlainObject(path) || path.options) continue;
    const headers: Record<string, unknown> = {};
    if (config.AllowHeaders !== undefined) headers['Access-Control-Allow-Headers'] = config.AllowHeaders;
    headers['Access-Control-Allow-Methods'] = config.AllowMethods ?? allowedMethods(path);
    headers['Access-Control-Allow-Origin'] = config.AllowOrigin;
    if (config.MaxAge !== undefined) headers['Access-Control-Max-Age'] = config.MaxAge;
    if (config.AllowCredentials === true) headers['Access-Control-Allow-Credentials'] = "'true'";
    const option: Record<string, any> = {
      summary: 'CORS support',
      consumes: ['application/json'],
      produces: ['application/json'],
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: {
          default: {
            statusCode: '200',
            responseParameters: Object.fromEntries(Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, v])),
            responseTemplates: { 'application/json': '{}\n' },
          },
        },
      },
      responses: {
        '200': { description: 'Default response for CORS method', headers: Object.fromEntries(Object.keys(headers).map((h) => [h, { type: h === 'Access-Control-Max-Age' ? 'integer' : 'string' }])) },
      },
    };
    const security = optionsSecurity();
    if (security) option.security = security;
    path.options = option;
  }
}

function allowedMethods(path: Record<string, any>): string {
  const methods = new Set<string>(['OPTIONS']);
  for (const m of Object.keys(path)) {
    if (m === ANY_METHOD) CORS_METHODS.forEach((c) => methods.add(c));
    else if (CORS_METHODS.includes(m.toUpperCase())) methods.add(m.toUpperCase());
  }
  return `'${[...methods].sort().join(',')}'`;
}

/** GatewayResponses as the x-amazon-apigateway-gateway-responses extension. */
export function addGatewayResponses(body: Record<string, any>, api: RestApiModel) {
  const responses = api.props.GatewayResponses;
  if (responses === undefined) return;
  if (!isPlainObject(responses)) throw invalidResource(api.logicalId, "Invalid property type 'GatewayResponses'.");
  const out: Record<string, unknown> = {};
  for (const [type, r] of Object.entries(responses)) {
    if (!isPlainObject(r)) throw invalidResource(api.logicalId, `Invalid property type '${type}' for GatewayResponses.`);
    const entry: Record<string, unknown> = {};
    const params: Record<string, unknown> = {};
    const where: Record<string, string> = { Headers: 'header', Paths: 'path', QueryStrings: 'querystring' };
    for (const [key, kind] of Object.entries(where)) {
      for (const [name, value] of Object.entries((r.ResponseParameters ?? {})[key] ?? {})) params[`gatewayresponse.${kind}.${name}`] = value;
    }
    if (Object.keys(params).length) entry.responseParameters = params;
    if (r.ResponseTemplates !== undefined) entry.responseTemplates = r.ResponseTemplates;
    if (r.StatusCode !== undefined) entry.statusCode = String(r.StatusCode);
    out[type] = entry;
  }
  body['x-amazon-apigateway-gateway-responses'] = out;
}

/** Swagger 2.0 -> OpenAPI 3.x shape for OpenApiVersion 3: definitions and securityDefinitions move under components. */
export function toOpenApi3(body: Record<string, any>, version: string) {
  delete body.swagger;
  body.openapi = version;
  if (body.definitions || body.securityDefinitions) {
    body.components ??= {};
    if (body.definitions) body.components.schemas = body.definitions;
    if (body.securityDefinitions) body.components.securitySchemes = body.securityDefinitions;
    delete body.definitions;
    delete body.securityDefinitions;
  }
  for (const path of Object.values(body.paths as Record<string, any>)) {
    for (const op of Object.values(path as Record<string, any>)) {
      if (!isPlainObject(op)) continue;
      delete op.consumes;
      delete op.produces;
      for (const response of Object.values(isPlainObject(op.responses) ? op.responses : {})) {
        for (const [name, header] of Object.entries(isPlainObject(response?.headers) ? response.headers : {})) {
          // SAM nests the header schema twice in OpenAPI 3 bodies; kept as SAM writes it.
          if (isPlainObject(header) && header.type) response.headers[name] = { schema: { schema: { type: header.type } } };
        }
      }
      if (!Array.isArray(op.parameters)) continue;
      const bodyParam = op.parameters.find((p: any) => p.in === 'body');
      if (bodyParam) {
        op.requestBody = { content: { 'application/json': { schema: { $ref: bodyParam.schema.$ref.replace('#/definitions/', '#/components/schemas/') } } }, required: bodyParam.required };
        op.parameters = op.parameters.filter((p: any) => p.in !== 'body');
      }
      for (const p of op.parameters) {
        if (p.type) p.schema = { type: p.type };
        delete p.type;
      }
      if (!op.parameters.length) delete op.parameters;
    }
  }
}
