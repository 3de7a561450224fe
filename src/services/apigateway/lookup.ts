// Finding stored records, or failing with the NotFoundException wording API Gateway uses.
import { notFound } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type { Integration, Method } from '../../models/apigateway.types.ts';
import type { ApiGatewayV1Store, ResourceRecord, RestApiRecord, V1State } from './store.ts';

export function scope(store: ApiGatewayV1Store, ctx: RequestContext): V1State {
  return store.state(ctx.account, ctx.region);
}

export function getRestApi(state: V1State, restApiId: string): RestApiRecord {
  const record = state.restApis.get(restApiId);
  if (!record) throw notFound('Invalid REST API identifier specified');
  return record;
}

export function getResource(api: RestApiRecord, resourceId: string): ResourceRecord {
  const resource = api.resources.get(resourceId);
  if (!resource) throw notFound('Invalid Resource identifier specified');
  return resource;
}

export function getMethod(resource: ResourceRecord, httpMethod: string): Method {
  const method = resource.resourceMethods[httpMethod];
  if (!method) throw notFound('Invalid Method identifier specified');
  return method;
}

export function getIntegration(method: Method): Integration {
  if (!method.methodIntegration) throw notFound('Invalid Integration identifier specified');
  return method.methodIntegration;
}

export function getDeployment(api: RestApiRecord, deploymentId: string) {
  const deployment = api.deployments.get(deploymentId);
  if (!deployment) throw notFound('Invalid Deployment identifier specified');
  return deployment;
}

export function getStage(api: RestApiRecord, stageName: string) {
  const stage = api.stages.get(stageName);
  if (!stage) throw notFound('Invalid Stage identifier specified');
  return stage;
}

export function getAuthorizer(api: RestApiRecord, authorizerId: string) {
  const authorizer = api.authorizers.get(authorizerId);
  if (!authorizer) throw notFound('Invalid Authorizer identifier specified');
  return authorizer;
}

export function getRequestValidator(api: RestApiRecord, validatorId: string) {
  const validator = api.requestValidators.get(validatorId);
  if (!validator) throw notFound('Invalid Request Validator identifier specified');
  return validator;
}

export function getModel(api: RestApiRecord, name: string) {
  const model = api.models.get(name);
  if (!model) throw notFound(`Invalid model name specified: ${name}`);
  return model;
}

export function getApiKey(state: V1State, id: string) {
  const key = state.apiKeys.get(id);
  if (!key) throw notFound('Invalid API Key identifier specified');
  return key;
}

export function getUsagePlan(state: V1State, id: string) {
  const plan = state.usagePlans.get(id);
  if (!plan) throw notFound('Invalid Usage Plan ID specified');
  return plan;
}

export function getDomainName(state: V1State, domainName: string) {
  const domain = state.domainNames.get(domainName);
  if (!domain) throw notFound('Invalid domain name identifier specified');
  return domain;
}

/** Drops undefined members so answers carry only what is set. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** The current time in whole seconds, as API Gateway reports its timestamps. */
export function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}
