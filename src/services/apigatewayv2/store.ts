// API Gateway v2 state: per account and region, the APIs with everything that hangs off
// them, plus domain names and VPC links. The data plane finds an API by id alone (an
// invoke URL names no account), so the store keeps a global apiId index too.
import type {
  Api,
  ApiMapping,
  Authorizer,
  Deployment,
  DomainName,
  Integration,
  IntegrationResponse,
  Model,
  Route,
  RouteResponse,
  Stage,
  VpcLink,
} from '../../models/apigatewayv2.types.ts';
import { AccountRegionStore, GlobalIdIndex, type Located } from '../../state/store.ts';

/** What a deployment freezes: the API as it was, for the data plane to serve. */
export interface ApiSnapshot {
  api: Api;
  routes: Route[];
  integrations: Map<string, Integration>;
  /** Keyed by integration id. */
  integrationResponses: Map<string, IntegrationResponse[]>;
  /** Keyed by route id. */
  routeResponses: Map<string, RouteResponse[]>;
  authorizers: Map<string, Authorizer>;
  models: Map<string, Model>;
}

export interface StoredDeployment extends Deployment {
  DeploymentId: string;
  snapshot: ApiSnapshot;
}

export interface StoredStage extends Stage {
  CreatedDate: Date;
  LastUpdatedDate: Date;
}

export interface ApiRecord {
  api: Api & { ApiId: string; CreatedDate: Date };
  routes: Map<string, Route & { RouteId: string }>;
  /** Keyed by route id, then route response id. */
  routeResponses: Map<string, Map<string, RouteResponse>>;
  integrations: Map<string, Integration & { IntegrationId: string }>;
  /** Keyed by integration id, then integration response id. */
  integrationResponses: Map<string, Map<string, IntegrationResponse>>;
  authorizers: Map<string, Authorizer & { AuthorizerId: string }>;
  models: Map<string, Model & { ModelId: string }>;
  stages: Map<string, StoredStage>;
  deployments: Map<string, StoredDeployment>;
}

export interface V2State {
  apis: Map<string, ApiRecord>;
  domainNames: Map<string, DomainName & { DomainName: string }>;
  /** Keyed by domain name, then api mapping id. */
  apiMappings: Map<string, Map<string, ApiMapping>>;
  vpcLinks: Map<string, VpcLink>;
}

export type ApiLocation = Located<ApiRecord>;

export class ApiGatewayV2Store {
  readonly scopes = new AccountRegionStore<V2State>(() => ({
    apis: new Map(),
    domainNames: new Map(),
    apiMappings: new Map(),
    vpcLinks: new Map(),
  }));
  private index = new GlobalIdIndex((account, region, id) => this.state(account, region).apis.get(id));

  state(account: string, region: string): V2State {
    return this.scopes.get(account, region);
  }

  addApi(account: string, region: string, record: ApiRecord) {
    this.state(account, region).apis.set(record.api.ApiId, record);
    this.index.add(record.api.ApiId, account, region);
  }

  /** Deletes an API and the API mappings of custom domain names that point at it. */
  deleteApi(account: string, region: string, apiId: string) {
    const state = this.state(account, region);
    state.apis.delete(apiId);
    for (const mappings of state.apiMappings.values()) {
      for (const [id, mapping] of mappings) if (mapping.ApiId === apiId) mappings.delete(id);
    }
    this.index.delete(apiId);
  }

  /** Finds an API by id in any account and region (for the data plane). */
  findApi(apiId: string): ApiLocation | undefined {
    return this.index.find(apiId);
  }

  reset() {
    this.scopes.clear();
    this.index.clear();
  }
}
