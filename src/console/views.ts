// Read-only JSON views of the control planes' state for the console: the same facts the
// control planes' Get* operations show, gathered per API and per function.
import type { ApiRecord, ApiGatewayV2Store } from '../services/apigatewayv2/store.ts';
import type { ApiGatewayV1Store, RestApiRecord } from '../services/apigateway/store.ts';
import type { LambdaFunction, LambdaStore } from '../services/lambda/store.ts';
import { invokeUrls } from '../invoke-urls.ts';
import { invocationView } from './format.ts';
import type { InvocationLog } from './invocations.ts';

interface WarmCount {
  idle: number;
  busy: number;
}

export interface ViewDeps {
  v2: ApiGatewayV2Store;
  v1: ApiGatewayV1Store;
  lambda?: LambdaStore;
  invocations: InvocationLog;
  baseUrl(): string;
  /** Live execution environments of a function (all versions). */
  warmEnvironments?(functionArn: string): WarmCount;
  /** Open WebSocket connections of an API, when the WebSocket data plane provides them. */
  websocketConnections?(apiId: string): Array<{ id: string; stage: string; connectedAt: number; lastActiveAt: number; sourceIp: string; userAgent: string }>;
}

const iso = (d: Date | undefined) => d?.toISOString();

export function listApis(deps: ViewDeps) {
  const out = [];
  for (const { account, region, state } of deps.v2.scopes.entries()) {
    for (const r of state.apis.values()) {
      out.push({ id: r.api.ApiId, name: r.api.Name, kind: r.api.ProtocolType ?? 'HTTP', account, region, createdDate: iso(r.api.CreatedDate), description: r.api.Description, routes: r.routes.size, stages: [...r.stages.keys()] });
    }
  }
  for (const { account, region, state } of deps.v1.scopes.entries()) {
    for (const r of state.restApis.values()) {
      out.push({ id: r.api.id, name: r.api.name, kind: 'REST', account, region, createdDate: iso(r.api.createdDate), description: r.api.description, routes: r.resources.size, stages: [...r.stages.keys()] });
    }
  }
  return out;
}

function v2Detail(deps: ViewDeps, account: string, region: string, r: ApiRecord) {
  const kind = r.api.ProtocolType ?? 'HTTP';
  const integrationOf = (target?: string) => (target?.startsWith('integrations/') ? r.integrations.get(target.slice(13)) : undefined);
  return {
    id: r.api.ApiId,
    name: r.api.Name,
    kind,
    account,
    region,
    description: r.api.Description,
    createdDate: iso(r.api.CreatedDate),
    routeSelectionExpression: r.api.RouteSelectionExpression,
    cors: r.api.CorsConfiguration,
    disableExecuteApiEndpoint: r.api.DisableExecuteApiEndpoint,
    routes: [...r.routes.values()].map((route) => {
      const integration = integrationOf(route.Target);
      const authorizer = route.AuthorizerId ? r.authorizers.get(route.AuthorizerId) : undefined;
      return {
        id: route.RouteId,
        routeKey: route.RouteKey,
        target: route.Target,
        authorizationType: route.AuthorizationType ?? 'NONE',
        authorizer: authorizer && { id: authorizer.AuthorizerId, name: authorizer.Name, type: authorizer.AuthorizerType },
        apiKeyRequired: route.ApiKeyRequired,
        integration: integration && { id: integration.IntegrationId, type: integration.IntegrationType, uri: integration.IntegrationUri, method: integration.IntegrationMethod, payloadFormatVersion: integration.PayloadFormatVersion },
      };
    }),
    integrations: [...r.integrations.values()].map((i) => ({ id: i.IntegrationId, type: i.IntegrationType, uri: i.IntegrationUri, method: i.IntegrationMethod, payloadFormatVersion: i.PayloadFormatVersion, timeoutInMillis: i.TimeoutInMillis })),
    authorizers: [...r.authorizers.values()].map((a) => ({ id: a.AuthorizerId, name: a.Name, type: a.AuthorizerType, identitySource: a.IdentitySource, uri: a.AuthorizerUri, jwt: a.JwtConfiguration })),
    stages: [...r.stages.values()].map((s) => ({
      name: s.StageName,
      autoDeploy: s.AutoDeploy ?? false,
      deploymentId: s.DeploymentId,
      description: s.Description,
      lastUpdatedDate: iso(s.LastUpdatedDate),
      stageVariables: s.StageVariables,
      invokeUrls: invokeUrls(deps.baseUrl(), r.api.ApiId, kind, s.StageName),
    })),
    deployments: [...r.deployments.values()].map((d) => ({ id: d.DeploymentId, createdDate: iso(d.CreatedDate), status: d.DeploymentStatus, description: d.Description, autoDeployed: d.AutoDeployed })),
    // null: the WebSocket data plane does not report its connections (yet).
    connections:
      kind !== 'WEBSOCKET'
        ? undefined
        : (deps.websocketConnections?.(r.api.ApiId).map((c) => ({
            connectionId: c.id,
            stage: c.stage,
            connectedAt: new Date(c.connectedAt).toISOString(),
            lastActiveAt: new Date(c.lastActiveAt).toISOString(),
            sourceIp: c.sourceIp,
            userAgent: c.userAgent,
          })) ?? null),
  };
}

function v1Detail(deps: ViewDeps, account: string, region: string, r: RestApiRecord) {
  return {
    id: r.api.id,
    name: r.api.name,
    kind: 'REST',
    account,
    region,
    description: r.api.description,
    createdDate: iso(r.api.createdDate),
    rootResourceId: r.api.rootResourceId,
    resources: [...r.resources.values()]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((res) => ({
        id: res.id,
        parentId: res.parentId,
        path: res.path,
        pathPart: res.pathPart,
        methods: Object.entries(res.resourceMethods).map(([httpMethod, m]) => {
          const integration = m.methodIntegration;
          const authorizer = m.authorizerId ? r.authorizers.get(m.authorizerId) : undefined;
          return {
            httpMethod,
            authorizationType: m.authorizationType ?? 'NONE',
            authorizer: authorizer && { id: authorizer.id, name: authorizer.name, type: authorizer.type },
            apiKeyRequired: m.apiKeyRequired ?? false,
            integration: integration && { type: integration.type, uri: integration.uri, httpMethod: integration.httpMethod },
          };
        }),
      })),
    authorizers: [...r.authorizers.values()].map((a) => ({ id: a.id, name: a.name, type: a.type, identitySource: a.identitySource, uri: a.authorizerUri })),
    stages: [...r.stages.values()].map((s) => ({
      name: s.stageName,
      deploymentId: s.deploymentId,
      description: s.description,
      lastUpdatedDate: iso(s.lastUpdatedDate),
      stageVariables: s.variables,
      invokeUrls: invokeUrls(deps.baseUrl(), r.api.id, 'REST', s.stageName),
    })),
    deployments: [...r.deployments.values()].map((d) => ({ id: d.id, createdDate: iso(d.createdDate), description: d.description })),
  };
}

export function apiDetail(deps: ViewDeps, apiId: string) {
  const v2 = deps.v2.findApi(apiId);
  if (v2) return v2Detail(deps, v2.account, v2.region, v2.record);
  const v1 = deps.v1.findRestApi(apiId);
  if (v1) return v1Detail(deps, v1.account, v1.region, v1.record);
  return undefined;
}

function functionSummary(deps: ViewDeps, account: string, region: string, fn: LambdaFunction) {
  const c = fn.latest.config;
  return {
    name: fn.name,
    arn: fn.arn,
    account,
    region,
    runtime: c.Runtime,
    handler: c.Handler,
    memorySize: c.MemorySize,
    timeout: c.Timeout,
    codeSize: fn.latest.code.size,
    codeSha256: fn.latest.code.sha256,
    hotReload: fn.latest.code.hotReload,
    lastModified: c.LastModified,
    state: c.State,
    warm: deps.warmEnvironments?.(fn.arn) ?? { idle: 0, busy: 0 },
    invocations: deps.invocations.recent(fn.arn).length,
  };
}

export function listFunctions(deps: ViewDeps) {
  const out: Array<ReturnType<typeof functionSummary>> = [];
  if (!deps.lambda) return out;
  for (const { account, region, state } of deps.lambda.scopes.entries()) {
    for (const fn of state.functions.values()) out.push(functionSummary(deps, account, region, fn));
  }
  return out;
}

/** A function by ARN, or by name when it is unique across accounts and regions. */
export function functionDetail(deps: ViewDeps, ref: string) {
  if (!deps.lambda) return undefined;
  for (const { account, region, state } of deps.lambda.scopes.entries()) {
    for (const fn of state.functions.values()) {
      if (fn.arn !== ref && fn.name !== ref) continue;
      const c = fn.latest.config;
      return {
        ...functionSummary(deps, account, region, fn),
        description: c.Description,
        architectures: c.Architectures,
        environment: c.Environment?.Variables ?? {},
        reservedConcurrency: fn.reserved,
        versions: [...fn.versions.keys()],
        aliases: [...fn.aliases.values()].map((a) => ({ name: a.Name, functionVersion: a.FunctionVersion })),
        recentInvocations: deps.invocations.recent(fn.arn).map(invocationView),
      };
    }
  }
  return undefined;
}

/** The log lines of a function's recent invocations, oldest first, each with its invocation's
 * request id; only one invocation's when `requestId` is given. */
export function functionLogs(deps: ViewDeps, ref: string, requestId?: string) {
  const fn = functionDetail(deps, ref);
  if (!fn) return undefined;
  const items = [];
  for (const inv of [...deps.invocations.recent(fn.arn)].reverse()) {
    if (requestId && inv.requestId !== requestId) continue;
    const time = new Date(inv.start).toISOString();
    for (const line of inv.log.split('\n')) if (line) items.push({ requestId: inv.requestId, time, line });
  }
  return { functionArn: fn.arn, items };
}

export function counts(deps: ViewDeps) {
  const apis = listApis(deps);
  return {
    httpApis: apis.filter((a) => a.kind === 'HTTP').length,
    websocketApis: apis.filter((a) => a.kind === 'WEBSOCKET').length,
    restApis: apis.filter((a) => a.kind === 'REST').length,
    functions: listFunctions(deps).length,
  };
}
