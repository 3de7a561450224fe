// APIs: create (including quick create), read, list, update, delete, and CORS removal.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest } from '../../protocol/errors.ts';
import type {
  Api,
  Cors,
  CreateApiRequest,
  CreateApiResponse,
  DeleteApiRequest,
  DeleteCorsConfigurationRequest,
  GetApiRequest,
  GetApiResponse,
  GetApisRequest,
  GetApisResponse,
  Integration,
  UpdateApiRequest,
  UpdateApiResponse,
} from '../../models/apigatewayv2.types.ts';
import { apiEndpoint, assignDefined, ids, paginate, type V2Context } from './common.ts';
import { autoDeployStage } from './deployments.ts';
import { addIntegration } from './integrations.ts';
import { addRoute, checkRoute } from './routes.ts';
import type { ApiRecord, StoredStage } from './store.ts';

/** AWS answers HTTP APIs' route selection expression in this form. */
export const HTTP_ROUTE_SELECTION = '$request.method $request.path';
const HTTP_ROUTE_SELECTION_FORMS = new Set([HTTP_ROUTE_SELECTION, '${request.method} ${request.path}']);
export const DEFAULT_API_KEY_SELECTION = '$request.header.x-api-key';

export class ApiOperations {
  constructor(private readonly v2: V2Context) {}

  createApi(input: CreateApiRequest, ctx: RequestContext): CreateApiResponse {
    const http = input.ProtocolType === 'HTTP';
    if (http) {
      if (input.RouteSelectionExpression !== undefined && !HTTP_ROUTE_SELECTION_FORMS.has(input.RouteSelectionExpression)) {
        throw badRequest('Unsupported route selection expression for HTTP APIs: the expression must be ${request.method} ${request.path}');
      }
      if (input.DisableSchemaValidation !== undefined) throw badRequest('DisableSchemaValidation is supported only for WebSocket APIs');
      checkCors(input.CorsConfiguration);
    } else {
      if (input.RouteSelectionExpression === undefined) throw badRequest('RouteSelectionExpression is required for WEBSOCKET APIs');
      if (input.CorsConfiguration) throw badRequest('CORS configuration is supported only for HTTP APIs');
      if (input.Target !== undefined || input.RouteKey !== undefined || input.CredentialsArn !== undefined) {
        throw badRequest('Quick create (Target, RouteKey, CredentialsArn) is supported only for HTTP APIs');
      }
    }
    if (input.Target === undefined && (input.RouteKey !== undefined || input.CredentialsArn !== undefined)) {
      throw badRequest('RouteKey and CredentialsArn are part of quick create and require a Target');
    }
    const record = newApiRecord({
      ApiId: ids.api(),
      Name: input.Name,
      ProtocolType: input.ProtocolType,
      RouteSelectionExpression: http ? HTTP_ROUTE_SELECTION : input.RouteSelectionExpression!,
      ApiKeySelectionExpression: input.ApiKeySelectionExpression ?? DEFAULT_API_KEY_SELECTION,
      CreatedDate: new Date(),
      DisableExecuteApiEndpoint: input.DisableExecuteApiEndpoint ?? false,
      IpAddressType: input.IpAddressType ?? 'ipv4',
      Tags: { ...input.Tags },
    });
    assignDefined(record.api, input as unknown as Record<string, unknown>, ['Description', 'CorsConfiguration', 'Version', 'DisableSchemaValidation']);
    if (input.Target !== undefined) quickCreate(record, input.Target, input.RouteKey ?? '$default', input.CredentialsArn);
    this.v2.store.addApi(ctx.account, ctx.region, record);
    return apiView(record, ctx);
  }

  getApi(input: GetApiRequest, ctx: RequestContext): GetApiResponse {
    return apiView(this.v2.api(ctx, input.ApiId), ctx);
  }

  getApis(input: GetApisRequest, ctx: RequestContext): GetApisResponse {
    const records = [...this.v2.state(ctx).apis.values()];
    return paginate(records.map((r) => apiView(r, ctx)), input);
  }

  updateApi(input: UpdateApiRequest, ctx: RequestContext): UpdateApiResponse {
    const record = this.v2.api(ctx, input.ApiId);
    const http = record.api.ProtocolType === 'HTTP';
    if (input.RouteSelectionExpression !== undefined && http && !HTTP_ROUTE_SELECTION_FORMS.has(input.RouteSelectionExpression)) {
      throw badRequest('Unsupported route selection expression for HTTP APIs: the expression must be ${request.method} ${request.path}');
    }
    if (!http && input.CorsConfiguration) throw badRequest('CORS configuration is supported only for HTTP APIs');
    checkCors(input.CorsConfiguration);
    if (input.Target !== undefined || input.RouteKey !== undefined || input.CredentialsArn !== undefined) {
      updateQuickCreate(record, input);
    }
    assignDefined(record.api, input as unknown as Record<string, unknown>, [
      'Name',
      'Description',
      'CorsConfiguration',
      'ApiKeySelectionExpression',
      'DisableExecuteApiEndpoint',
      'DisableSchemaValidation',
      'IpAddressType',
      'Version',
    ]);
    if (input.RouteSelectionExpression !== undefined && !http) record.api.RouteSelectionExpression = input.RouteSelectionExpression;
    this.v2.changed(record, ctx);
    return apiView(record, ctx);
  }

  deleteApi(input: DeleteApiRequest, ctx: RequestContext): void {
    this.v2.api(ctx, input.ApiId);
    this.v2.store.deleteApi(ctx.account, ctx.region, input.ApiId);
  }

  deleteCorsConfiguration(input: DeleteCorsConfigurationRequest, ctx: RequestContext): void {
    const record = this.v2.api(ctx, input.ApiId);
    delete record.api.CorsConfiguration;
    this.v2.changed(record, ctx);
  }
}

/** AWS refuses credentials with a wildcard origin (browsers would reject the answers). */
export function checkCors(cors: Cors | undefined) {
  if (cors?.AllowCredentials === true && cors.AllowOrigins?.includes('*')) {
    throw badRequest("allow-credentials is not supported if 'allow-origin' is *");
  }
}

/** A new API with nothing hanging off it yet. */
export function newApiRecord(api: ApiRecord['api']): ApiRecord {
  return {
    api,
    routes: new Map(),
    routeResponses: new Map(),
    integrations: new Map(),
    integrationResponses: new Map(),
    authorizers: new Map(),
    models: new Map(),
    stages: new Map(),
    deployments: new Map(),
  };
}

export function apiView(record: ApiRecord, ctx: RequestContext): Api {
  return { ...record.api, ApiEndpoint: apiEndpoint(ctx.baseUrl, record.api.ApiId, record.api.ProtocolType) };
}

/** Quick create: an integration for the target, a route to it and a `$default` stage that
 * deploys automatically, all managed by API Gateway. */
function quickCreate(record: ApiRecord, target: string, routeKey: string, credentialsArn?: string) {
  const integration = addIntegration(record, { ...quickIntegration(target), CredentialsArn: credentialsArn });
  integration.ApiGatewayManaged = true;
  const route = addRoute(record, { RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}` });
  route.ApiGatewayManaged = true;
  const now = new Date();
  const stage: StoredStage = {
    StageName: '$default',
    AutoDeploy: true,
    ApiGatewayManaged: true,
    CreatedDate: now,
    LastUpdatedDate: now,
    DefaultRouteSettings: { DetailedMetricsEnabled: false },
    RouteSettings: {},
    StageVariables: {},
    Tags: {},
  };
  record.stages.set(stage.StageName, stage);
  autoDeployStage(record, stage);
}

function quickIntegration(target: string): Integration {
  // A function ARN, or its invocation URI (arn:aws:apigateway:{region}:lambda:path/.../invocations),
  // as templates often write it (aws-samples/serverless-patterns apigw-http-api-lambda).
  if (/^arn:aws[\w-]*:lambda:/.test(target) || /^arn:aws[\w-]*:apigateway:[\w-]+:lambda:path\//.test(target)) {
    return { IntegrationType: 'AWS_PROXY', IntegrationUri: target, PayloadFormatVersion: '2.0' };
  }
  if (/^https?:\/\//i.test(target)) {
    return { IntegrationType: 'HTTP_PROXY', IntegrationUri: target, IntegrationMethod: 'ANY', PayloadFormatVersion: '1.0' };
  }
  throw badRequest(`Invalid target specified: ${target}. A target must be a Lambda function ARN or an HTTP URL`);
}

/** UpdateApi's Target, RouteKey and CredentialsArn change the quick-created resources. */
function updateQuickCreate(record: ApiRecord, input: UpdateApiRequest) {
  const route = [...record.routes.values()].find((r) => r.ApiGatewayManaged);
  const integrationId = route?.Target?.replace(/^integrations\//, '');
  const integration = integrationId ? record.integrations.get(integrationId) : undefined;
  if (!route || !integration) throw badRequest('Target, RouteKey and CredentialsArn can only be updated on an API made by quick create');
  if (input.Target !== undefined) Object.assign(integration, quickIntegration(input.Target));
  if (input.CredentialsArn !== undefined) integration.CredentialsArn = input.CredentialsArn;
  if (input.RouteKey !== undefined) {
    checkRoute(record, { ...route, RouteKey: input.RouteKey });
    route.RouteKey = input.RouteKey;
  }
}
