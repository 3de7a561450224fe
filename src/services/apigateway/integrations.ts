// Integrations and integration responses: Put/Get/Update/Delete Integration and
// IntegrationResponse. PutIntegration replaces any integration the method had.
import { AwsError, badRequest } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { child, compact, missing, resourceOf, scope } from './lookup.ts';
import { publicIntegration, publicResponse, withoutEmptyMaps } from './methods.ts';
import { applyPatch, mapEntry, scalar, setMember, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store } from './store.ts';

const DEFAULT_TIMEOUT_MS = 29000;

const INTEGRATION_PATCH: PatchRule[] = [
  scalar('/uri', 'uri'),
  scalar('/httpMethod', 'httpMethod'),
  scalar('/type', 'type'),
  scalar('/credentials', 'credentials', 'string', ['replace', 'add', 'remove']),
  scalar('/connectionType', 'connectionType'),
  scalar('/connectionId', 'connectionId', 'string', ['replace', 'remove']),
  scalar('/contentHandling', 'contentHandling', 'string', ['replace', 'remove']),
  scalar('/passthroughBehavior', 'passthroughBehavior'),
  scalar('/cacheNamespace', 'cacheNamespace'),
  scalar('/timeoutInMillis', 'timeoutInMillis', 'integer'),
  scalar('/tlsConfig/insecureSkipVerification', 'tlsConfig.insecureSkipVerification', 'boolean'),
  mapEntry('/requestParameters/{key}', 'requestParameters'),
  mapEntry('/requestTemplates/{key}', 'requestTemplates'),
  setMember('/cacheKeyParameters/{key}', 'cacheKeyParameters'),
];

const INTEGRATION_RESPONSE_PATCH: PatchRule[] = [
  scalar('/selectionPattern', 'selectionPattern', 'string', ['replace', 'add', 'remove']),
  scalar('/contentHandling', 'contentHandling', 'string', ['replace', 'remove']),
  mapEntry('/responseParameters/{key}', 'responseParameters'),
  mapEntry('/responseTemplates/{key}', 'responseTemplates'),
];

const INTEGRATION_TYPES = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY'];
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];

/** The sources an integration request parameter may map from (AWS docs, "Data transformations
 * for REST APIs": parameter mapping source reference): a method request parameter or the
 * body (with a JSONPath), a stage variable, a context variable or a quoted static value. */
const MAPPING_SOURCE = /^(method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.[^.\s]+|method\.request\.body(\..+)?|stageVariables\.\w+|context\.[\w.]+|'[^']*')$/;

/** Refuses request parameters that are not mapping expressions, as recorded on AWS
 * (test_apigateway_api.snapshot.json#TestApigatewayIntegration::test_put_integration_request_parameter_bool_type). */
function checkRequestParameters(parameters: Record<string, unknown> | undefined) {
  for (const source of Object.values(parameters ?? {})) {
    if (typeof source !== 'string' || !MAPPING_SOURCE.test(source)) {
      throw badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${String(source)}]`);
    }
  }
}

/** Checks an integration the way API Gateway does before storing it. */
export function checkIntegration(integration: T.Integration) {
  const type = integration.type ?? '';
  if (!INTEGRATION_TYPES.includes(type)) throw badRequest(`Invalid integration type specified. Valid options are ${INTEGRATION_TYPES.join(',')}`);
  if (type !== 'MOCK') {
    if (!integration.httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    if (!integration.uri && integration.connectionType !== 'VPC_LINK') throw badRequest('Invalid integration URI specified');
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && integration.uri && !/^https?:\/\/[^/]+/i.test(integration.uri)) {
    throw badRequest('Invalid HTTP endpoint specified for URI');
  }
  if (type === 'AWS' || type === 'AWS_PROXY') {
    const m = /^arn:aws[\w-]*:apigateway:[\w-]+:([\w.-]+):(path|action)\/.+/.exec(integration.uri ?? '');
    if (!m) throw badRequest('AWS ARN for integration must contain path or action');
    if (type === 'AWS_PROXY' && m[1] !== 'lambda' && m[1] !== 'firehose') {
      throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
    }
  }
  checkRequestParameters(integration.requestParameters);
  if (integration.passthroughBehavior && !PASSTHROUGH.includes(integration.passthroughBehavior)) {
    throw badRequest(`Invalid passthrough behavior specified. Valid options are ${PASSTHROUGH.join(',')}`);
  }
  const timeout = integration.timeoutInMillis ?? DEFAULT_TIMEOUT_MS;
  if (timeout < 50) throw badRequest('Timeout should be between 50 ms and 29000 ms');
}

/** An integration may not pass a role of another account ("arn:aws:iam::*:user/*", the
 * caller's own credentials, names no account and is allowed). */
function checkCredentials(credentials: string | undefined, account: string) {
  const roleAccount = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(credentials ?? '')?.[1];
  if (roleAccount && roleAccount !== account) throw new AwsError('AccessDeniedException', 'Cross-account pass role is not allowed.', 403);
}

function locate(store: ApiGatewayV1Store, ctx: RequestContext, input: { restApiId: string; resourceId: string; httpMethod: string }) {
  const { resource } = resourceOf(scope(store, ctx), input);
  return { resource, method: child(resource.resourceMethods, 'Method', input.httpMethod) };
}

function integrationOf(method: T.Method): T.Integration {
  if (!method.methodIntegration) throw missing('Integration', '');
  return method.methodIntegration;
}

/** An integration response as AWS answers it: a template given as "" reads null
 * (test_apigateway_api.snapshot.json#TestApigatewayIntegration::test_put_integration_response_templates). */
function publicIntegrationResponse(response: T.IntegrationResponse): T.IntegrationResponse {
  const copy = publicResponse(response);
  for (const [type, template] of Object.entries(copy.responseTemplates ?? {})) if (template === '') (copy.responseTemplates as Record<string, string | null>)[type] = null;
  return copy;
}

function integrationResponse(integration: T.Integration, statusCode: string): T.IntegrationResponse {
  return child(integration.integrationResponses, 'Response', statusCode);
}


export class IntegrationOperations {
  constructor(private store: ApiGatewayV1Store) {}

  putIntegration(input: T.PutIntegrationRequest, ctx: RequestContext): T.Integration {
    const { resource, method } = locate(this.store, ctx, input);
    const integration: T.Integration = compact({
      type: input.type,
      httpMethod: input.integrationHttpMethod,
      uri: input.uri,
      connectionType: input.connectionType ?? (input.type === 'HTTP' || input.type === 'HTTP_PROXY' ? 'INTERNET' : undefined),
      connectionId: input.connectionId,
      credentials: input.credentials,
      requestParameters: input.requestParameters && { ...input.requestParameters },
      requestTemplates: input.requestTemplates && { ...input.requestTemplates },
      passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
      contentHandling: input.contentHandling,
      timeoutInMillis: input.timeoutInMillis ?? DEFAULT_TIMEOUT_MS,
      cacheNamespace: input.cacheNamespace ?? resource.id,
      cacheKeyParameters: [...(input.cacheKeyParameters ?? [])],
      tlsConfig: input.tlsConfig && { ...input.tlsConfig },
      integrationTarget: input.integrationTarget,
      responseTransferMode: input.responseTransferMode,
    });
    checkIntegration(integration);
    checkCredentials(integration.credentials, ctx.account);
    method.methodIntegration = integration;
    return publicIntegration(integration);
  }

  getIntegration(input: T.GetIntegrationRequest, ctx: RequestContext): T.Integration {
    return publicIntegration(integrationOf(locate(this.store, ctx, input).method));
  }

  updateIntegration(input: T.UpdateIntegrationRequest, ctx: RequestContext): T.Integration {
    const { method } = locate(this.store, ctx, input);
    const next = applyPatch(integrationOf(method), input.patchOperations, INTEGRATION_PATCH);
    checkIntegration(next);
    checkCredentials(next.credentials, ctx.account);
    method.methodIntegration = next;
    return publicIntegration(next);
  }

  deleteIntegration(input: T.DeleteIntegrationRequest, ctx: RequestContext): void {
    const { method } = locate(this.store, ctx, input);
    integrationOf(method);
    delete method.methodIntegration;
  }

  putIntegrationResponse(input: T.PutIntegrationResponseRequest, ctx: RequestContext): T.IntegrationResponse {
    const { method } = locate(this.store, ctx, input);
    // No method response is needed first: AWS accepts one without it
    // (test_apigateway_api.snapshot.json#TestApigatewayIntegrationResponse::test_lifecycle_integration_response).
    const integration = integrationOf(method);
    const response: T.IntegrationResponse = compact({
      statusCode: input.statusCode,
      selectionPattern: input.selectionPattern,
      responseParameters: input.responseParameters && { ...input.responseParameters },
      responseTemplates: input.responseTemplates && { ...input.responseTemplates },
      contentHandling: input.contentHandling,
    });
    (integration.integrationResponses ??= {})[input.statusCode] = response;
    return publicIntegrationResponse(response);
  }

  getIntegrationResponse(input: T.GetIntegrationResponseRequest, ctx: RequestContext): T.IntegrationResponse {
    const { method } = locate(this.store, ctx, input);
    return publicIntegrationResponse(integrationResponse(integrationOf(method), input.statusCode));
  }

  updateIntegrationResponse(input: T.UpdateIntegrationResponseRequest, ctx: RequestContext): T.IntegrationResponse {
    const { method } = locate(this.store, ctx, input);
    const integration = integrationOf(method);
    const next = withoutEmptyMaps(applyPatch(integrationResponse(integration, input.statusCode), input.patchOperations, INTEGRATION_RESPONSE_PATCH));
    integration.integrationResponses![input.statusCode] = next;
    return publicIntegrationResponse(next);
  }

  deleteIntegrationResponse(input: T.DeleteIntegrationResponseRequest, ctx: RequestContext): void {
    const { resource } = resourceOf(scope(this.store, ctx), input);
    // An unknown method has no integration: AWS names the integration here
    // (test_apigateway_api.snapshot.json#TestApigatewayIntegrationResponse::test_delete_integration_response_errors).
    const method = resource.resourceMethods[input.httpMethod];
    if (!method) throw missing('Integration', '');
    const integration = integrationOf(method);
    integrationResponse(integration, input.statusCode);
    delete integration.integrationResponses![input.statusCode];
  }
}
