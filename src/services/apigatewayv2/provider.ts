// The API Gateway v2 control-plane provider: one object with a method per operation,
// composed from the per-area operation classes, all sharing one V2Context.
import { composeProvider } from '../../protocol/compose.ts';
import type { Operations } from '../../models/apigatewayv2.types.ts';
import { ApiOperations } from './apis.ts';
import { AuthorizerOperations } from './authorizers.ts';
import { V2Context } from './common.ts';
import { DeploymentOperations } from './deployments.ts';
import { DomainOperations } from './domains.ts';
import { ExportOperations } from './exports.ts';
import { ImportOperations } from './imports.ts';
import { IntegrationOperations } from './integrations.ts';
import { ModelOperations } from './models.ts';
import { RouteOperations } from './routes.ts';
import { StageOperations } from './stages.ts';
import type { ApiGatewayV2Store } from './store.ts';
import { TagOperations } from './tags.ts';
import { VpcLinkOperations } from './vpc-links.ts';

/** The public methods of an operations class (its private helpers would clash). */
type Public<T> = { [K in keyof T]: T[K] };

type ApiGatewayV2Provider = Public<ApiOperations> &
  Public<RouteOperations> &
  Public<IntegrationOperations> &
  Public<StageOperations> &
  Public<DeploymentOperations> &
  Public<AuthorizerOperations> &
  Public<ModelOperations> &
  Public<DomainOperations> &
  Public<ExportOperations> &
  Public<ImportOperations> &
  Public<VpcLinkOperations> &
  Public<TagOperations>;

export function createApiGatewayV2Provider(store: ApiGatewayV2Store): ApiGatewayV2Provider {
  const v2 = new V2Context(store);
  const stages = new StageOperations(v2);
  const parts: Array<Partial<Operations>> = [
    new ApiOperations(v2),
    new RouteOperations(v2),
    new IntegrationOperations(v2),
    stages,
    new DeploymentOperations(v2),
    new AuthorizerOperations(v2),
    new ModelOperations(v2),
    new DomainOperations(v2),
    new ExportOperations(v2),
    new ImportOperations(v2),
    new VpcLinkOperations(v2),
    new TagOperations(v2),
  ];
  const provider = composeProvider<Operations>('apigatewayv2', parts) as Record<string, unknown>;
  provider.onAuthorizersCacheReset = stages.onAuthorizersCacheReset.bind(stages);
  return provider as ApiGatewayV2Provider;
}
