// API Gateway v1 (REST API) state: per account and region, the REST APIs with everything
// that hangs off them, plus API keys, usage plans, custom domain names and the account
// settings. The data plane finds a REST API by id alone (an invoke URL names no account),
// so the store keeps a global restApiId index too.
//
// Stored records use the model's own output shapes (src/models/apigateway.types.ts), so a
// Get* answer is the record itself. The resource tree is flat: each resource knows its
// parentId and its computed full `path`; methods hang off `resourceMethods`, each with its
// `methodResponses` and `methodIntegration` (which holds its `integrationResponses`).
import type {
  Account,
  ApiKey,
  Authorizer,
  BasePathMapping,
  Deployment,
  DomainName,
  GatewayResponse,
  GatewayResponseType,
  Method,
  Model,
  RequestValidator,
  RestApi,
  Stage,
  UsagePlan,
} from '../../models/apigateway.types.ts';
import { AccountRegionStore, GlobalIdIndex, type Located } from '../../state/store.ts';

export interface ResourceRecord {
  id: string;
  /** Absent for the root resource "/". */
  parentId?: string;
  pathPart?: string;
  /** Full path, e.g. "/pets/{petId}"; recomputed when a resource moves or is renamed. */
  path: string;
  /** Keyed by HTTP method ("GET", "ANY", ...). */
  resourceMethods: Record<string, Method>;
}

export type RestApiRecordApi = RestApi & { id: string; name: string; createdDate: Date; rootResourceId: string };

/**
 * What a deployment freezes: an immutable deep copy of everything the REST API data plane
 * needs to serve a request, taken when the deployment is created. Later edits to the API
 * never reach it.
 */
export interface RestApiSnapshot {
  restApiId: string;
  /** API-level settings: name, apiKeySource ("HEADER" | "AUTHORIZER"), binaryMediaTypes,
   * disableExecuteApiEndpoint, policy (a JSON string), minimumCompressionSize,
   * endpointConfiguration. */
  api: RestApiRecordApi;
  /** Every resource with its full path, methods, method responses, integration and
   * integration responses. */
  resources: ResourceRecord[];
  /** Keyed by authorizer id. */
  authorizers: Record<string, Authorizer & { id: string }>;
  /** Keyed by model name (methods refer to models by name in requestModels). */
  models: Record<string, Model & { id: string; name: string }>;
  /** Keyed by request validator id. */
  requestValidators: Record<string, RequestValidator & { id: string }>;
  /** Only the gateway responses the developer customised, keyed by response type; see
   * effectiveGatewayResponse() in gateway-responses.ts for the fallback rules. */
  gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponse>>;
}

export interface DeploymentRecord extends Deployment {
  id: string;
  createdDate: Date;
  snapshot: RestApiSnapshot;
}

/** A stage points at a deployment (`deploymentId`, and `canarySettings.deploymentId` for a
 * canary); the data plane serves that deployment's snapshot with the stage's variables. */
export interface StageRecord extends Stage {
  stageName: string;
  deploymentId: string;
  createdDate: Date;
  lastUpdatedDate: Date;
}

export interface RestApiRecord {
  api: RestApiRecordApi;
  resources: Map<string, ResourceRecord>;
  authorizers: Map<string, Authorizer & { id: string }>;
  /** Keyed by model name. */
  models: Map<string, Model & { id: string; name: string }>;
  requestValidators: Map<string, RequestValidator & { id: string }>;
  /** Customised gateway responses only; the defaults are computed. */
  gatewayResponses: Map<GatewayResponseType, GatewayResponse>;
  deployments: Map<string, DeploymentRecord>;
  stages: Map<string, StageRecord>;
}

export type ApiKeyRecord = ApiKey & { id: string; value: string; createdDate: Date; lastUpdatedDate: Date; stageKeys: string[] };
export type UsagePlanRecord = UsagePlan & { id: string; name: string; apiStages: NonNullable<UsagePlan['apiStages']> };
export type DomainNameRecord = DomainName & { domainName: string };

export interface V1State {
  /** The account this state belongs to (API Gateway names it in some error messages). */
  accountId: string;
  restApis: Map<string, RestApiRecord>;
  apiKeys: Map<string, ApiKeyRecord>;
  usagePlans: Map<string, UsagePlanRecord>;
  /** Usage plan id -> the API key ids attached to it. */
  usagePlanKeys: Map<string, Set<string>>;
  domainNames: Map<string, DomainNameRecord>;
  /** Domain name -> base path ("(none)" for the empty one) -> mapping. */
  basePathMappings: Map<string, Map<string, BasePathMapping>>;
  account: Account;
}

export type RestApiLocation = Located<RestApiRecord>;

function newState(): Omit<V1State, 'accountId'> {
  return {
    restApis: new Map(),
    apiKeys: new Map(),
    usagePlans: new Map(),
    usagePlanKeys: new Map(),
    domainNames: new Map(),
    basePathMappings: new Map(),
    // The defaults a fresh AWS account reports.
    account: { apiKeyVersion: '4', features: ['UsagePlans'], throttleSettings: { burstLimit: 5000, rateLimit: 10000 } },
  };
}

export class ApiGatewayV1Store {
  readonly scopes = new AccountRegionStore<V1State>(() => ({ accountId: '', ...newState() }));
  private index = new GlobalIdIndex((account, region, id) => this.state(account, region).restApis.get(id));

  state(account: string, region: string): V1State {
    const state = this.scopes.get(account, region);
    state.accountId = account; // the scope factory is not told which account it serves
    return state;
  }

  addRestApi(account: string, region: string, record: RestApiRecord) {
    this.state(account, region).restApis.set(record.api.id, record);
    this.index.add(record.api.id, account, region);
  }

  deleteRestApi(account: string, region: string, restApiId: string) {
    this.state(account, region).restApis.delete(restApiId);
    this.index.delete(restApiId);
  }

  /** Finds a REST API by id in any account and region (for the data plane). */
  findRestApi(restApiId: string): RestApiLocation | undefined {
    return this.index.find(restApiId);
  }

  reset() {
    this.scopes.clear();
    this.index.clear();
  }
}
