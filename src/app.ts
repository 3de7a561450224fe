// The composition root: builds the stores and providers, the handler chain and the HTTP
// server, and knows how to reset and shut all of it down.
import type { Server } from 'node:http';
import type { ResourceServices } from './cloudformation/resource.ts';
import { CustomResourceResponses } from './cloudformation/custom-resource-responses.ts';
import { DEFAULT_CONFIG, type LocalgateConfig } from './config.ts';
import { createConsole } from './console/index.ts';
import { ExecuteRegistry } from './execute/entry.ts';
import { functionUrlHandler } from './execute/function-urls/handler.ts';
import { HttpApiKind } from './execute/http-api/kind.ts';
import { RestApiKind } from './execute/rest-api/kind.ts';
import { WebSocketApiKind } from './execute/websocket/kind.ts';
import { ServiceRouter } from './protocol/engine.ts';
import { controlPlaneHandler } from './server/control-plane.ts';
import { createAwsServiceCaller } from './server/aws-service-caller.ts';
import { healthHandler } from './server/health.ts';
import { guardControlPlane, localgatePathGuard } from './server/origin-guard.ts';
import { createLocalgateServer, listen } from './server/server.ts';
import { createApiGatewayV2Provider } from './services/apigatewayv2/provider.ts';
import { ApiGatewayV2Store } from './services/apigatewayv2/store.ts';
import { createApiGatewayProvider } from './services/apigateway/provider.ts';
import { createCloudFormationService } from './services/cloudformation/index.ts';
import { ApiGatewayV1Store } from './services/apigateway/store.ts';
import { serviceDefinitions } from './services/index.ts';
import { createIamService } from './services/iam/index.ts';
import { withRoleCheck } from './services/iam/lambda-role-check.ts';
import { createLambdaService } from './services/lambda/index.ts';
import { createS3Service } from './services/s3/index.ts';
import { createLogsService } from './services/logs/index.ts';
import { createSsmService } from './services/ssm/index.ts';
import { StsProvider } from './services/sts/provider.ts';
import { EcrProvider, EcrStore } from './services/ecr/provider.ts';
import { usagePersistence } from './execute/rest-api/persist.ts';
import { apiGatewayV1Persistence } from './services/apigateway/persist.ts';
import { apiGatewayV2Persistence } from './services/apigatewayv2/persist.ts';
import { ecrPersistence } from './services/ecr/persist.ts';
import { cloudFormationPersistence } from './services/cloudformation/persist.ts';
import { iamPersistence } from './services/iam/persist.ts';
import { lambdaPersistence } from './services/lambda/persist.ts';
import { logsPersistence } from './services/logs/persist.ts';
import { s3Persistence } from './services/s3/persist.ts';
import { ssmPersistence } from './services/ssm/persist.ts';
import { StatePersistence } from './state/persistence.ts';

export interface Localgate {
  server: Server;
  port: number;
  /** e.g. http://localhost:4566 */
  url: string;
  config: LocalgateConfig;
  /** The control-plane providers (what CloudFormation resource types call). */
  providers: ResourceServices;
  /** Clears every store, as POST /_localgate/reset does. */
  reset(): void;
  /** With --state-dir: where state is kept, and how long restoring it took at start. */
  state?: { dir: string; restoreMs: number };
  close(): Promise<void>;
}

export async function startLocalgate(overrides: Partial<LocalgateConfig> = {}): Promise<Localgate> {
  const config: LocalgateConfig = { ...DEFAULT_CONFIG, ...overrides };
  let port = config.port;
  const baseUrl = () => `http://localhost:${port}`;

  /** --state-dir: the stores are saved there and restored before the server listens. */
  const persistence = config.stateDir ? new StatePersistence(config.stateDir) : undefined;
  /** A provider whose state-changing calls mark the state for saving (itself without --state-dir). */
  const watched = <T extends object>(provider: T): T => persistence?.watch(provider) ?? provider;

  const v2Store = new ApiGatewayV2Store();
  const v1Store = new ApiGatewayV1Store();
  const s3 = createS3Service();
  const logs = createLogsService(config.logsMaxEvents, () => persistence?.markDirty());
  const lambda = createLambdaService(config, baseUrl, s3.reader, logs.functionLogs);
  const invoker = lambda.invoker;
  const iam = createIamService();
  const sts = new StsProvider(iam.store);
  const ssm = createSsmService();
  const ecr = new EcrProvider(new EcrStore());
  const lambdaProvider = watched(config.lambdaCheckRoles ? withRoleCheck(lambda.provider, iam.store) : lambda.provider);

  /** execute-api invoke URLs: each kind of API (HTTP, REST, WebSocket) registers here. */
  const execute = new ExecuteRegistry();
  const httpApis = new HttpApiKind({ store: v2Store, invoker, identify: sts.callerIdentity });
  // AWS integrations' S3 calls go to the control plane's S3 (`services` is built below).
  const restApis = new RestApiKind({ store: v1Store, invoker, services: createAwsServiceCaller(() => services, baseUrl), identify: sts.callerIdentity });
  const websocketApis = new WebSocketApiKind({ store: v2Store, invoker, origin: execute });
  execute.register(httpApis);
  execute.register(restApis);
  execute.register(websocketApis);

  const consoleApp = createConsole({
    v2: v2Store,
    v1: v1Store,
    lambda: lambda.store,
    baseUrl,
    services: () => services.map((s) => s.name),
    websocketConnections: (apiId) => websocketApis.connections.forApi(apiId),
    warmEnvironments: (functionArn) => lambda.pool.counts(`${functionArn}|`),
    // Lazy: the CloudFormation service is built below, from the providers.
    stacks: { stackScopes: () => cloudformation.store.stackScopes() },
    // The console records what this data plane and this Lambda service publish.
    dataPlane: execute,
  });

  const v2Provider = createApiGatewayV2Provider(v2Store);
  v2Provider.onAuthorizersCacheReset((apiId, stageName) => httpApis.resetAuthorizersCache(apiId, stageName));
  const v1Provider = createApiGatewayProvider(v1Store, restApis.controlPlaneView);
  v1Provider.onAuthorizersCacheReset((_apiId, authorizerIds) => restApis.resetAuthorizersCache(authorizerIds));
  // What CloudFormation resource types call. The v1 and Lambda providers are assembled from
  // parts at run time; their methods are the model's operations.
  const resourceServices: ResourceServices = {
    apigateway: watched(v1Provider) as ResourceServices['apigateway'],
    apigatewayv2: watched(v2Provider),
    lambda: lambdaProvider as ResourceServices['lambda'],
    s3: watched(s3.provider),
    iam: watched(iam.provider),
    ssm: watched(ssm.provider),
    logs: watched(logs.provider),
    ecr: watched(ecr),
  };
  const cloudformation = createCloudFormationService(resourceServices, {
    quiet: config.quiet,
    readSsm: ssm.readParameter,
    onOperationDone: () => {
      consoleApp.changed();
      persistence?.markDirty();
    },
  });
  const services = serviceDefinitions({
    apigatewayv2: resourceServices.apigatewayv2,
    apigateway: resourceServices.apigateway,
    lambda: lambdaProvider,
    apigatewaymanagementapi: websocketApis.managementProvider,
    cloudformation: watched(cloudformation.provider),
    iam: resourceServices.iam,
    sts,
    ssm: resourceServices.ssm,
    logs: resourceServices.logs,
    s3: resourceServices.s3,
    ecr: resourceServices.ecr,
  });
  /** The ResponseURLs CloudFormation custom resources answer to. */
  const customResources = new CustomResourceResponses(config.customResourceTimeoutMs);
  const resets = [v2Store, v1Store, lambda, s3, iam, sts, ssm, logs, ecr, httpApis, restApis, websocketApis, consoleApp, cloudformation, customResources, ...(persistence ? [persistence] : [])];
  // Stack operations and sessions first (they call functions), then the functions themselves.
  // The state is saved once nothing changes it any more, before stores are emptied.
  const reset = () => resets.forEach((part) => part.reset());
  // Custom resources first: a stack operation waiting for a response would keep cloudformation's shutdown waiting.
  const shutdowns = [customResources, cloudformation, websocketApis, ...(persistence ? [persistence] : []), lambda, s3, consoleApp];
  if (persistence) {
    try {
      persistence.open([
        apiGatewayV2Persistence(v2Store),
        apiGatewayV1Persistence(v1Store),
        usagePersistence(restApis.usage),
        lambdaPersistence(lambda.store),
        s3Persistence(s3.store),
        iamPersistence(iam.store),
        ssmPersistence(ssm.store, ssm.secure),
        logsPersistence(logs.store, () => logs.functionLogs.flush()),
        cloudFormationPersistence(cloudformation.store),
        ecrPersistence(ecr.store),
      ]);
    } catch (err) {
      for (const part of shutdowns) await part.shutdown();
      throw err;
    }
  }
  const router = new ServiceRouter(services);
  const server = createLocalgateServer({
    baseUrl,
    awsDefaults: { account: config.accountId, region: config.region },
    upgradeHandlers: [websocketApis.upgradeHandler(execute)],
    handlers: [
      localgatePathGuard(config),
      healthHandler(
        services.map((s) => s.name),
        { account: config.accountId, region: config.region },
        reset,
      ),
      consoleApp.handler,
      customResources.handler,
      lambda.codeHandler,
      functionUrlHandler(lambda.store, lambda.invoker, sts.callerIdentity),
      execute.handler(),
      guardControlPlane(config, controlPlaneHandler(router, config.forwardUrl)),
    ],
  });
  const address = await listen(server, config.port, config.host).catch(async (err) => {
    for (const part of shutdowns) await part.shutdown(); // e.g. the port is taken: release the state directory
    throw err;
  });
  port = address.port;
  customResources.attach(baseUrl());

  return {
    server,
    port,
    url: baseUrl(),
    config,
    providers: resourceServices,
    reset,
    state: persistence && { dir: persistence.dir, restoreMs: persistence.restoreMs },
    async close() {
      for (const part of shutdowns) await part.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
