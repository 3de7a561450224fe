// Methods and method responses: PutMethod, GetMethod, UpdateMethod, DeleteMethod and the
// *MethodResponse operations.
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { child, compact, resourceOf, scope } from './lookup.ts';
import { applyPatch, mapEntry, scalar, setByValue, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, RestApiRecord } from './store.ts';

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'];
const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'];

const METHOD_PATCH: PatchRule[] = [
  scalar('/authorizationType', 'authorizationType'),
  scalar('/authorizerId', 'authorizerId'),
  scalar('/apiKeyRequired', 'apiKeyRequired', 'boolean'),
  scalar('/requestValidatorId', 'requestValidatorId'),
  scalar('/operationName', 'operationName'),
  mapEntry('/requestParameters/{key}', 'requestParameters', 'boolean'),
  mapEntry('/requestModels/{key}', 'requestModels'),
  setByValue('/authorizationScopes', 'authorizationScopes'),
];

// Replacing or removing an entry that is not there is refused in AWS's words
// (test_apigateway_api.snapshot.json#TestApigatewayMethodResponse::test_update_method_wrong_param_names).
const METHOD_RESPONSE_PATCH: PatchRule[] = [
  mapEntry('/responseParameters/{key}', 'responseParameters', 'boolean', undefined, 'Invalid parameter name specified'),
  mapEntry('/responseModels/{key}', 'responseModels', 'string', undefined, 'Content-Type specified was not found'),
];

/** A method as GetMethod answers it: maps left empty (by patch removals too) are left out, as AWS leaves them. */
export function publicMethod(method: T.Method): T.Method {
  const out = dropEmptyMaps(structuredClone(method), ['methodResponses', 'requestParameters', 'requestModels']);
  if (out.methodIntegration) out.methodIntegration = publicIntegration(out.methodIntegration);
  return out;
}

/** An integration as GetIntegration answers it, empty maps left out. */
export function publicIntegration(integration: T.Integration): T.Integration {
  return dropEmptyMaps(structuredClone(integration), ['integrationResponses', 'requestParameters', 'requestTemplates']);
}

/** A method or integration response as answered: maps sent empty are kept, as AWS keeps them
 * (test_apigateway_api.snapshot.json#TestApigatewayMethodResponse::test_lifecycle_method_response,
 * test_apigateway_integrations.snapshot.json#test_put_integration_responses); maps emptied by
 * patch removals are dropped when stored (`withoutEmptyMaps`). */
export function publicResponse<R extends T.MethodResponse | T.IntegrationResponse>(response: R): R {
  return structuredClone(response);
}

/** A patched method or integration response without the maps its removals emptied. */
export function withoutEmptyMaps<R extends T.MethodResponse | T.IntegrationResponse>(response: R): R {
  return dropEmptyMaps(response, ['responseParameters', 'responseModels', 'responseTemplates'] as Array<keyof R & string>);
}

function dropEmptyMaps<R extends object>(record: R, keys: Array<keyof R & string>): R {
  for (const key of keys) {
    const value = record[key];
    if (value && typeof value === 'object' && !Object.keys(value).length) delete record[key];
  }
  return record;
}

function checkHttpMethod(httpMethod: string) {
  if (!HTTP_METHODS.includes(httpMethod)) {
    throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
  }
}

/** Request parameter names ("method.request.header.id") must be unique across locations. */
function checkParameterNames(parameters: Record<string, boolean> | undefined) {
  const names = Object.keys(parameters ?? {}).map((key) => key.split('.').slice(3).join('.'));
  if (new Set(names).size !== names.length) throw badRequest('Parameter names must be unique across querystring, header and path');
}

/** Checks the references a method makes: authorizer, validator and request models. */
function checkMethodReferences(api: RestApiRecord, method: T.Method) {
  const type = method.authorizationType ?? 'NONE';
  if (!AUTHORIZATION_TYPES.includes(type)) {
    throw badRequest(`Invalid authorization type specified. Valid options are ${AUTHORIZATION_TYPES.join(',')}`);
  }
  if (type === 'CUSTOM' || type === 'COGNITO_USER_POOLS') {
    const authorizer = method.authorizerId ? api.authorizers.get(method.authorizerId) : undefined;
    if (!authorizer) throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
    const cognito = authorizer.type === 'COGNITO_USER_POOLS';
    if (cognito !== (type === 'COGNITO_USER_POOLS')) {
      throw badRequest(`Authorizer ${authorizer.id} is of type ${authorizer.type}, which does not match the authorization type ${type}`);
    }
  }
  // A method names an unknown validator: a bad request, not a missing record.
  if (method.requestValidatorId && !api.requestValidators.has(method.requestValidatorId)) throw badRequest('Invalid Request Validator identifier specified');
  for (const model of Object.values(method.requestModels ?? {})) {
    if (!api.models.has(model)) throw badRequest(`Invalid model identifier specified: ${model}`);
  }
}

function checkStatusCode(statusCode: string) {
  if (!/^[1-5]\d\d$/.test(statusCode)) throw badRequest('Invalid status code specified');
}

function locate(store: ApiGatewayV1Store, ctx: RequestContext, input: { restApiId: string; resourceId: string }) {
  return resourceOf(scope(store, ctx), input);
}

export class MethodOperations {
  constructor(private store: ApiGatewayV1Store) {}

  putMethod(input: T.PutMethodRequest, ctx: RequestContext): T.Method {
    const { api, resource } = locate(this.store, ctx, input);
    checkHttpMethod(input.httpMethod);
    if (resource.resourceMethods[input.httpMethod]) throw conflict('Method already exists for this resource');
    const method: T.Method = compact({
      httpMethod: input.httpMethod,
      // Any casing is accepted ("none") and stored upper-case, as AWS stores it.
      authorizationType: input.authorizationType.toUpperCase(),
      // Kept only for the types that use an authorizer, as AWS keeps it.
      authorizerId: ['CUSTOM', 'COGNITO_USER_POOLS'].includes(input.authorizationType.toUpperCase()) ? input.authorizerId : undefined,
      apiKeyRequired: input.apiKeyRequired ?? false,
      requestValidatorId: input.requestValidatorId,
      operationName: input.operationName,
      requestParameters: input.requestParameters && { ...input.requestParameters },
      requestModels: input.requestModels && { ...input.requestModels },
      authorizationScopes: input.authorizationScopes && [...input.authorizationScopes],
    });
    checkParameterNames(method.requestParameters);
    checkMethodReferences(api, method);
    resource.resourceMethods[input.httpMethod] = method;
    return publicMethod(method);
  }

  getMethod(input: T.GetMethodRequest, ctx: RequestContext): T.Method {
    const { resource } = locate(this.store, ctx, input);
    return publicMethod(child(resource.resourceMethods, 'Method', input.httpMethod));
  }

  updateMethod(input: T.UpdateMethodRequest, ctx: RequestContext): T.Method {
    const { api, resource } = locate(this.store, ctx, input);
    const method = child(resource.resourceMethods, 'Method', input.httpMethod);
    const next = applyPatch(method, input.patchOperations, METHOD_PATCH, 'short');
    if (next.authorizationType) next.authorizationType = next.authorizationType.toUpperCase();
    checkParameterNames(next.requestParameters);
    // Methods take only `replace` on these; an empty value unsets them.
    for (const key of ['requestValidatorId', 'authorizerId', 'operationName'] as const) if (next[key] === '') delete next[key];
    if (next.authorizationType === 'NONE' || next.authorizationType === 'AWS_IAM') delete next.authorizerId;
    checkMethodReferences(api, next);
    resource.resourceMethods[input.httpMethod] = next;
    return publicMethod(next);
  }

  deleteMethod(input: T.DeleteMethodRequest, ctx: RequestContext): void {
    const { resource } = locate(this.store, ctx, input);
    child(resource.resourceMethods, 'Method', input.httpMethod);
    delete resource.resourceMethods[input.httpMethod];
  }

  putMethodResponse(input: T.PutMethodResponseRequest, ctx: RequestContext): T.MethodResponse {
    const { api, resource } = locate(this.store, ctx, input);
    const method = child(resource.resourceMethods, 'Method', input.httpMethod);
    checkStatusCode(input.statusCode);
    if (method.methodResponses?.[input.statusCode]) throw conflict('Response already exists for this resource');
    for (const model of Object.values(input.responseModels ?? {})) {
      if (!api.models.has(model)) throw badRequest(`Invalid model identifier specified: ${model}`);
    }
    const response: T.MethodResponse = compact({
      statusCode: input.statusCode,
      responseParameters: input.responseParameters && { ...input.responseParameters },
      responseModels: input.responseModels && { ...input.responseModels },
    });
    (method.methodResponses ??= {})[input.statusCode] = response;
    return publicResponse(response);
  }

  getMethodResponse(input: T.GetMethodResponseRequest, ctx: RequestContext): T.MethodResponse {
    const { resource } = locate(this.store, ctx, input);
    return publicResponse(methodResponse(child(resource.resourceMethods, 'Method', input.httpMethod), input.statusCode));
  }

  updateMethodResponse(input: T.UpdateMethodResponseRequest, ctx: RequestContext): T.MethodResponse {
    const { api, resource } = locate(this.store, ctx, input);
    const method = child(resource.resourceMethods, 'Method', input.httpMethod);
    const next = withoutEmptyMaps(applyPatch(methodResponse(method, input.statusCode), input.patchOperations, METHOD_RESPONSE_PATCH, 'short'));
    for (const model of Object.values(next.responseModels ?? {})) {
      if (!api.models.has(model)) throw badRequest(`Invalid model identifier specified: ${model}`);
    }
    method.methodResponses![input.statusCode] = next;
    return publicResponse(next);
  }

  deleteMethodResponse(input: T.DeleteMethodResponseRequest, ctx: RequestContext): void {
    const { resource } = locate(this.store, ctx, input);
    const method = child(resource.resourceMethods, 'Method', input.httpMethod);
    methodResponse(method, input.statusCode);
    delete method.methodResponses![input.statusCode];
  }
}

export function methodResponse(method: T.Method, statusCode: string): T.MethodResponse {
  return child(method.methodResponses, 'Response', statusCode);
}
