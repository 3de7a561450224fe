// Authorizers: JWT (HTTP APIs only) and REQUEST (Lambda) authorizers, validated as API
// Gateway validates them.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict } from '../../protocol/errors.ts';
import type {
  Authorizer,
  CreateAuthorizerRequest,
  CreateAuthorizerResponse,
  DeleteAuthorizerRequest,
  GetAuthorizerRequest,
  GetAuthorizerResponse,
  GetAuthorizersRequest,
  GetAuthorizersResponse,
  UpdateAuthorizerRequest,
  UpdateAuthorizerResponse,
} from '../../models/apigatewayv2.types.ts';
import { ids, newChild, type V2Context } from './common.ts';

type StoredAuthorizer = Authorizer & { AuthorizerId: string };

const HTTP_IDENTITY = /^\$(request\.(header|querystring)\.[^\s.]+|context\.[\w.]+|stageVariables\.\w+)$/;
const WEBSOCKET_IDENTITY = /^(route\.request\.(header|querystring)\.[^\s.]+|context\.[\w.]+|stageVariables\.\w+)$/;

export function validateAuthorizer(protocol: string, a: Authorizer) {
  const http = protocol === 'HTTP';
  const identityPattern = http ? HTTP_IDENTITY : WEBSOCKET_IDENTITY;
  for (const source of a.IdentitySource ?? []) {
    if (!identityPattern.test(source)) throw badRequest(`Invalid identity source specified: ${source}`);
  }
  if (a.AuthorizerType === 'JWT') {
    if (!http) throw badRequest('JWT authorizers are supported only for HTTP APIs');
    if (!a.JwtConfiguration?.Issuer) throw badRequest('JwtConfiguration with an Issuer is required for JWT authorizers');
    if (!a.JwtConfiguration.Audience?.length) throw badRequest('JwtConfiguration must contain at least one Audience for JWT authorizers');
    if (a.IdentitySource?.length !== 1 || !a.IdentitySource[0].startsWith('$request.')) {
      throw badRequest('A JWT authorizer requires exactly one identity source, e.g. $request.header.Authorization');
    }
    if (a.AuthorizerUri || a.AuthorizerPayloadFormatVersion || a.EnableSimpleResponses || a.AuthorizerCredentialsArn) {
      throw badRequest('AuthorizerUri, AuthorizerCredentialsArn, AuthorizerPayloadFormatVersion and EnableSimpleResponses are supported only for REQUEST authorizers');
    }
    return;
  }
  if (a.JwtConfiguration) throw badRequest('JwtConfiguration is supported only for JWT authorizers');
  if (!a.AuthorizerUri) throw badRequest('AuthorizerUri is required for REQUEST authorizers');
  const ttl = a.AuthorizerResultTtlInSeconds ?? 0;
  if (http) {
    const version = a.AuthorizerPayloadFormatVersion;
    if (version === undefined) throw badRequest('AuthorizerPayloadFormatVersion is required for REQUEST authorizers of HTTP APIs');
    if (version !== '1.0' && version !== '2.0') throw badRequest('Invalid AuthorizerPayloadFormatVersion: valid values are 1.0 and 2.0');
    if (a.EnableSimpleResponses && version !== '2.0') throw badRequest('EnableSimpleResponses is supported only for authorizer payload format version 2.0');
    if (ttl > 0 && !a.IdentitySource?.length) throw badRequest('An identity source is required when authorizer caching is enabled');
  } else {
    if (a.AuthorizerPayloadFormatVersion !== undefined || a.EnableSimpleResponses !== undefined) {
      throw badRequest('AuthorizerPayloadFormatVersion and EnableSimpleResponses are supported only for HTTP APIs');
    }
    if (!a.IdentitySource?.length) throw badRequest('An identity source is required for REQUEST authorizers of WebSocket APIs');
  }
}

export class AuthorizerOperations {
  constructor(private readonly v2: V2Context) {}

  createAuthorizer(input: CreateAuthorizerRequest, ctx: RequestContext): CreateAuthorizerResponse {
    const record = this.v2.api(ctx, input.ApiId);
    const authorizer = newChild<StoredAuthorizer>(input, ['ApiId'], { AuthorizerId: ids.short() });
    if (authorizer.AuthorizerType === 'REQUEST' && record.api.ProtocolType === 'HTTP') authorizer.AuthorizerResultTtlInSeconds ??= 0;
    validateAuthorizer(record.api.ProtocolType, authorizer);
    record.authorizers.set(authorizer.AuthorizerId, authorizer);
    this.v2.changed(record, ctx);
    return authorizer;
  }

  getAuthorizer(input: GetAuthorizerRequest, ctx: RequestContext): GetAuthorizerResponse {
    return this.v2.find(ctx, input.ApiId, 'Authorizer', input.AuthorizerId).found;
  }

  getAuthorizers(input: GetAuthorizersRequest, ctx: RequestContext): GetAuthorizersResponse {
    return this.v2.page(ctx, 'Authorizer', input);
  }

  updateAuthorizer(input: UpdateAuthorizerRequest, ctx: RequestContext): UpdateAuthorizerResponse {
    return this.v2.update(ctx, 'Authorizer', input, (updated, record, stored) => {
      validateAuthorizer(record.api.ProtocolType, updated);
      const used = [...record.routes.values()].some((r) => r.AuthorizerId === stored.AuthorizerId);
      if (used && updated.AuthorizerType !== stored.AuthorizerType) {
        throw conflict(`Authorizer ${stored.AuthorizerId} is used by routes; its type cannot change`);
      }
    });
  }

  deleteAuthorizer(input: DeleteAuthorizerRequest, ctx: RequestContext): void {
    const { record, found: authorizer } = this.v2.find(ctx, input.ApiId, 'Authorizer', input.AuthorizerId);
    const user = [...record.routes.values()].find((r) => r.AuthorizerId === authorizer.AuthorizerId);
    if (user) throw conflict(`Authorizer ${authorizer.AuthorizerId} is used by route ${user.RouteKey} and cannot be deleted`);
    record.authorizers.delete(authorizer.AuthorizerId);
    this.v2.changed(record, ctx);
  }
}
