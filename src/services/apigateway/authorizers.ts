// Authorizers and request validators of a REST API.
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newShortId } from './ids.ts';
import { compact, getAuthorizer, getRequestValidator, getRestApi, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, scalar, setByValue, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, RestApiRecord } from './store.ts';

const AUTHORIZER_PATCH: PatchRule[] = [
  scalar('/name', 'name'),
  scalar('/type', 'type'),
  scalar('/authType', 'authType', 'string', ['replace', 'remove']),
  scalar('/authorizerUri', 'authorizerUri'),
  scalar('/authorizerCredentials', 'authorizerCredentials', 'string', ['replace', 'remove']),
  scalar('/identitySource', 'identitySource'),
  scalar('/identityValidationExpression', 'identityValidationExpression', 'string', ['replace', 'remove']),
  scalar('/authorizerResultTtlInSeconds', 'authorizerResultTtlInSeconds', 'integer'),
  setByValue('/providerARNs', 'providerARNs'),
];

const VALIDATOR_PATCH: PatchRule[] = [
  scalar('/name', 'name'),
  scalar('/validateRequestBody', 'validateRequestBody', 'boolean'),
  scalar('/validateRequestParameters', 'validateRequestParameters', 'boolean'),
];

export function checkAuthorizer(a: T.Authorizer) {
  if (!a.name?.trim()) throw badRequest('Invalid authorizer name specified');
  if (a.type === 'COGNITO_USER_POOLS') {
    if (!a.providerARNs?.length) throw badRequest('ProviderARNs need to be specified for COGNITO_USER_POOLS authorizer');
  } else if (a.type === 'TOKEN' || a.type === 'REQUEST') {
    if (!a.authorizerUri) throw badRequest('Authorizer URI is required for TOKEN and REQUEST authorizers');
  } else {
    throw badRequest(`Invalid authorizer type specified. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS`);
  }
  const ttl = a.authorizerResultTtlInSeconds ?? 0;
  if (ttl < 0 || ttl > 3600) throw badRequest('Invalid authorizer TTL specified: must be between 0 and 3600');
}

/** The first method that refers to `test`, as "METHOD:/path", if any. */
function firstReference(api: RestApiRecord, test: (m: T.Method) => boolean): string | undefined {
  for (const resource of api.resources.values()) {
    for (const [verb, method] of Object.entries(resource.resourceMethods)) if (test(method)) return `${verb}:${resource.path}`;
  }
  return undefined;
}

export class AuthorizerOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createAuthorizer(input: T.CreateAuthorizerRequest, ctx: RequestContext): T.Authorizer {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const authorizer = compact({
      id: newShortId(),
      name: input.name,
      type: input.type,
      providerARNs: input.providerARNs && [...input.providerARNs],
      authType: input.authType,
      authorizerUri: input.authorizerUri,
      authorizerCredentials: input.authorizerCredentials,
      identitySource: input.identitySource,
      identityValidationExpression: input.identityValidationExpression,
      authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? (input.type === 'COGNITO_USER_POOLS' ? undefined : 300),
    });
    checkAuthorizer(authorizer);
    api.authorizers.set(authorizer.id, authorizer);
    return structuredClone(authorizer);
  }

  getAuthorizer(input: T.GetAuthorizerRequest, ctx: RequestContext): T.Authorizer {
    return structuredClone(getAuthorizer(getRestApi(scope(this.store, ctx), input.restApiId), input.authorizerId));
  }

  getAuthorizers(input: T.GetAuthorizersRequest, ctx: RequestContext): T.Authorizers {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return paginate([...api.authorizers.values()].map((a) => structuredClone(a)), input.limit, input.position);
  }

  updateAuthorizer(input: T.UpdateAuthorizerRequest, ctx: RequestContext): T.Authorizer {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const next = applyPatch(getAuthorizer(api, input.authorizerId), input.patchOperations, AUTHORIZER_PATCH);
    checkAuthorizer(next);
    api.authorizers.set(next.id, next);
    return structuredClone(next);
  }

  deleteAuthorizer(input: T.DeleteAuthorizerRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const authorizer = getAuthorizer(api, input.authorizerId);
    const user = firstReference(api, (m) => m.authorizerId === authorizer.id);
    if (user) throw conflict(`Cannot delete authorizer '${authorizer.name}', is referenced in method: '${user}'`);
    api.authorizers.delete(authorizer.id);
  }

  createRequestValidator(input: T.CreateRequestValidatorRequest, ctx: RequestContext): T.RequestValidator {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const validator = compact({
      id: newShortId(),
      name: input.name,
      validateRequestBody: input.validateRequestBody ?? false,
      validateRequestParameters: input.validateRequestParameters ?? false,
    });
    api.requestValidators.set(validator.id, validator);
    return { ...validator };
  }

  getRequestValidator(input: T.GetRequestValidatorRequest, ctx: RequestContext): T.RequestValidator {
    return { ...getRequestValidator(getRestApi(scope(this.store, ctx), input.restApiId), input.requestValidatorId) };
  }

  getRequestValidators(input: T.GetRequestValidatorsRequest, ctx: RequestContext): T.RequestValidators {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return paginate([...api.requestValidators.values()].map((v) => ({ ...v })), input.limit, input.position);
  }

  updateRequestValidator(input: T.UpdateRequestValidatorRequest, ctx: RequestContext): T.RequestValidator {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const next = applyPatch(getRequestValidator(api, input.requestValidatorId), input.patchOperations, VALIDATOR_PATCH);
    api.requestValidators.set(next.id, next);
    return { ...next };
  }

  deleteRequestValidator(input: T.DeleteRequestValidatorRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const validator = getRequestValidator(api, input.requestValidatorId);
    const user = firstReference(api, (m) => m.requestValidatorId === validator.id);
    if (user) throw conflict(`Cannot delete request validator '${validator.name ?? validator.id}', is referenced in method: '${user}'`);
    api.requestValidators.delete(validator.id);
  }
}
