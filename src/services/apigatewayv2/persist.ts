// API Gateway v2's part of a --state-dir: HTTP and WebSocket APIs with everything that hangs
// off them (routes, integrations, authorizers, models, stages, deployments), domain names,
// API mappings and VPC links. WebSocket connections are not kept: they end with the process.
import type { PersistedPart } from '../../state/persistence.ts';
import type { ApiGatewayV2Store, V2State } from './store.ts';

type V2Snapshot = Array<{ account: string; region: string; state: V2State }>;

export function apiGatewayV2Persistence(store: ApiGatewayV2Store): PersistedPart {
  return {
    name: 'apigatewayv2',
    snapshot: (): V2Snapshot => [...store.scopes.entries()],
    restore(data: V2Snapshot) {
      for (const { account, region, state } of data) {
        store.scopes.set(account, region, state);
        for (const record of state.apis.values()) store.addApi(account, region, record); // the id index
      }
    },
  };
}
