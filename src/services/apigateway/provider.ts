// The API Gateway v1 provider: one object with a method per implemented operation, put
// together from the per-area operation classes. Operations without a method (SDK
// generation, client certificates) are answered 501 by the engine.
import { AccountTagOperations } from './account-tags.ts';
import { ApiKeyOperations } from './api-keys.ts';
import { AuthorizerOperations } from './authorizers.ts';
import { DeploymentOperations } from './deployments.ts';
import { DocumentationOperations } from './documentation.ts';
import { DomainOperations } from './domains.ts';
import { ImportApiKeyOperations } from './import-api-keys.ts';
import { ImportExportOperations } from './import-export.ts';
import { IntegrationOperations } from './integrations.ts';
import { MethodOperations } from './methods.ts';
import { ModelOperations } from './models.ts';
import { ResourceOperations } from './resources.ts';
import { RestApiOperations } from './rest-apis.ts';
import { StageCacheOperations, type RestAuthorizersCacheReset } from './stage-cache.ts';
import { StageOperations } from './stages.ts';
import type { RestDataPlane } from './data-plane.ts';
import type { ApiGatewayV1Store } from './store.ts';
import { TestInvokeOperations } from './test-invoke.ts';
import { UsageOperations } from './usage.ts';
import { VpcLinkOperations } from './vpc-links.ts';
import { composeProvider } from '../../protocol/compose.ts';
import type { Operations } from '../../models/apigateway.types.ts';

type ApiGatewayV1Provider = Partial<Operations> & {
  /** Hears FlushStageAuthorizersCache (the REST data plane holds the cache). */
  onAuthorizersCacheReset(listener: RestAuthorizersCacheReset): void;
};

/** `dataPlane` (the REST data plane, data-plane.ts) enables TestInvokeMethod/TestInvokeAuthorizer and GetUsage/UpdateUsage. */
export function createApiGatewayProvider(store: ApiGatewayV1Store, dataPlane?: RestDataPlane): ApiGatewayV1Provider {
  const stageCache = new StageCacheOperations(store);
  const parts: Array<Partial<Operations>> = [
    new RestApiOperations(store),
    new ResourceOperations(store),
    new MethodOperations(store),
    new IntegrationOperations(store),
    new DeploymentOperations(store),
    new StageOperations(store),
    new AuthorizerOperations(store),
    new ModelOperations(store),
    new ApiKeyOperations(store),
    new ImportApiKeyOperations(store),
    new ImportExportOperations(store),
    new DomainOperations(store),
    new AccountTagOperations(store),
    new DocumentationOperations(store),
    new VpcLinkOperations(store),
    stageCache,
    ...(dataPlane ? [new TestInvokeOperations(store, dataPlane.testInvoke), new UsageOperations(store, dataPlane.usage)] : []),
  ];
  const provider = composeProvider<Operations>('apigateway', parts) as Record<string, unknown>;
  provider.onAuthorizersCacheReset = stageCache.onAuthorizersCacheReset.bind(stageCache);
  return provider as ApiGatewayV1Provider;
}
