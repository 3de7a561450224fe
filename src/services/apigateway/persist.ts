// API Gateway v1's part of a --state-dir: REST APIs with their resources, methods,
// integrations, authorizers, models, validators, gateway responses, deployments and stages;
// API keys, usage plans and their keys, custom domain names and base path mappings, and
// the account settings. (The usage plans' request counters are the data plane's, kept by
// execute/rest-api/persist.ts.)
import type { PersistedPart } from '../../state/persistence.ts';
import { scopedPersistence } from '../../state/scoped-persistence.ts';
import type { ApiGatewayV1Store } from './store.ts';

export function apiGatewayV1Persistence(store: ApiGatewayV1Store): PersistedPart {
  return scopedPersistence('apigateway', store.scopes, (account, region, state) => {
    for (const record of state.restApis.values()) store.addRestApi(account, region, record); // the id index
  });
}
