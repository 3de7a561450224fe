// API Gateway v1's part of a --state-dir: REST APIs with their resources, methods,
// integrations, authorizers, models, validators, gateway responses, deployments and stages;
// API keys, usage plans and their keys, custom domain names and base path mappings, and
// the account settings. (The usage plans' request counters are the data plane's, kept by
// execute/rest-api/persist.ts.)
import type { PersistedPart } from '../../state/persistence.ts';
import type { ApiGatewayV1Store, V1State } from './store.ts';

type V1Snapshot = Array<{ account: string; region: string; state: V1State }>;

export function apiGatewayV1Persistence(store: ApiGatewayV1Store): PersistedPart {
  return {
    name: 'apigateway',
    snapshot: (): V1Snapshot => [...store.scopes.entries()],
    restore(data: V1Snapshot) {
      for (const { account, region, state } of data) {
        store.scopes.set(account, region, state);
        for (const record of state.restApis.values()) store.addRestApi(account, region, record); // the id index
      }
    },
  };
}
