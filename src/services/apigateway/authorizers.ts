// Authorizers and request validators of a REST API.
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newShortId } from './ids.ts';
import { child, compact, getRestApi, restApiOf, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { patchChild, scalar, setByValue, type PatchRule } from './patch.ts';
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
  scalar('/validateRequestParameters', 'validateRequestParameters', 'boolean'),
  scalar('/validateRequestBody', 'validateRequestBody', 'boolean'),
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
    // What AWS answers for an authorizer on an unknown REST API.
    const api = getRestApi(scope(this.store, ctx), input.restApiId, () => conflict('Unable to complete operation due to concurrent modification. Please try again later.'));
    const authorizer = compact({
      id: newShortId(),
      name: input.name,
      type: input.type,
      providerARNs: input.providerARNs && [...input.providerARNs],
      // Lambda authorizers report authType "custom" unless one was given.
      authType: input.authType ?? (input.type === 'TOKEN' || input.type === 'REQUEST' ? 'custom' : undefined),
      authorizerUri: input.authorizerUri,
      authorizerCredentials: input.authorizerCredentials,
      identitySource: input.identitySource,
      identityValidationExpression: input.identityValidationExpression,
      // Left out when not given, as AWS leaves it (the data plane caches for 300 s then).
      authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds,
    });
    checkAuthorizer(authorizer);
    api.authorizers.set(authorizer.id, authorizer);
    return structuredClone(authorizer);
  }

  getAuthorizer(input: T.GetAuthorizerRequest, ctx: RequestContext): T.Authorizer {
    return structuredClone(child(getRestApi(scope(this.store, ctx), input.restApiId).authorizers, 'Authorizer', input.authorizerId));
  }

  getAuthorizers(input: T.GetAuthorizersRequest, ctx: RequestContext): T.Authorizers {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return paginate([...api.authorizers.values()].map((a) => structuredClone(a)), input.limit, input.position);
  }

  updateAuthorizer(input: T.UpdateAuthorizerRequest, ctx: RequestContext): T.Authorizer {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return structuredClone(patchChild(api.authorizers, 'Authorizer', input.authorizerId, input.patchOperations, AUTHORIZER_PATCH, checkAuthorizer));
  }

  deleteAuthorizer(input: T.DeleteAuthorizerRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const authorizer = child(api.authorizers, 'Authorizer', input.authorizerId);
    const user = firstReference(api, (m) => m.authorizerId === authorizer.id);
    if (user) throw conflict(`Cannot delete authorizer '${authorizer.name}', is referenced in method: '${user}'`);
    api.authorizers.delete(authorizer.id);
  }

  createRequestValidator(input: T.CreateRequestValidatorRequest, ctx: RequestContext): T.RequestValidator {
    const api = getRestApi(scope(this.store, ctx), input.restApiId, () => badRequest('Invalid REST API identifier specified'));
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
    return { ...child(restApiOf(scope(this.store, ctx), input.restApiId, 'RequestValidator', input.requestValidatorId).requestValidators, 'RequestValidator', input.requestValidatorId) };
  }

  getRequestValidators(input: T.GetRequestValidatorsRequest, ctx: RequestContext): T.RequestValidators {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    return paginate([...api.requestValidators.values()].map((v) => ({ ...v })), input.limit, input.position);
  }

  updateRequestValidator(input: T.UpdateRequestValidatorRequest, ctx: RequestContext): T.RequestValidator {
    const api = restApiOf(scope(this.store, ctx), input.restApiId, 'RequestValidator', input.requestValidatorId);
    const next = patchChild(api.requestValidators, 'RequestValidator', input.requestValidatorId, input.patchOperations, VALIDATOR_PATCH, (validator) => {
      if (!validator.name?.trim()) throw badRequest('Request Validator name cannot be blank');
    });
    return { ...next };
  }

  deleteRequestValidator(input: T.DeleteRequestValidatorRequest, ctx: RequestContext): void {
    const api = restApiOf(scope(this.store, ctx), input.restApiId, 'RequestValidator', input.requestValidatorId);
    const validator = child(api.requestValidators, 'RequestValidator', input.requestValidatorId);
    const user = firstReference(api, (m) => m.requestValidatorId === validator.id);
    if (user) throw conflict(`Cannot delete request validator '${validator.name ?? validator.id}', is referenced in method: '${user}'`);
    api.requestValidators.delete(validator.id);
  }
}
