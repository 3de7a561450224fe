// API Gateway v2's part of a --state-dir: HTTP and WebSocket APIs with everything that hangs
// off them (routes, integrations, authorizers, models, stages, deployments), domain names,
// API mappings and VPC links. WebSocket connections are not kept: they end with the process.
import type { PersistedPart } from '../../state/persistence.ts';
import { scopedPersistence } from '../../state/scoped-persistence.ts';
import type { ApiGatewayV2Store } from './store.ts';

export function apiGatewayV2Persistence(store: ApiGatewayV2Store): PersistedPart {
  return scopedPersistence('apigatewayv2', store.scopes, (account, region, state) => {
    for (const record of state.apis.values()) store.addApi(account, region, record); // the id index
  });
}
