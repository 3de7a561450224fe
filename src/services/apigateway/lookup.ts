// Finding stored records, or failing with the NotFoundException wording API Gateway uses.
// One generic child lookup serves every kind of record; the wording per kind lives in one
// table (as recorded on AWS: test/recorded/apigateway-*.test.ts).
import { notFound } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type { ApiGatewayV1Store, RestApiRecord, V1State } from './store.ts';

const NOT_FOUND = {
  Resource: 'Invalid Resource identifier specified',
  Method: 'Invalid Method identifier specified',
  Integration: 'Invalid Integration identifier specified',
  Response: 'Invalid Response status code specified',
  Deployment: 'Invalid Deployment identifier specified',
  // Lower-case "stage", as AWS writes it.
  Stage: 'Invalid stage identifier specified',
  Authorizer: 'Invalid Authorizer identifier specified',
  RequestValidator: 'Invalid Request Validator identifier specified',
  // Followed by the model's name.
  Model: 'Invalid model name specified',
  DocumentationPart: 'Invalid Documentation part identifier specified',
  DocumentationVersion: 'Invalid Documentation version identifier specified',
  ApiKey: 'Invalid API Key identifier specified',
  UsagePlan: 'Invalid Usage Plan ID specified',
  UsagePlanKey: 'Invalid Usage Plan Key identifier specified',
  DomainName: 'Invalid domain name identifier specified',
  BasePathMapping: 'Invalid base path mapping identifier specified',
  VpcLink: 'Invalid Vpc Link identifier specified',
};

export type ChildKind = keyof typeof NOT_FOUND;

export function scope(store: ApiGatewayV1Store, ctx: RequestContext): V1State {
  return store.state(ctx.account, ctx.region);
}

/** The NotFoundException API Gateway answers for a missing record of `kind`. */
export function missing(kind: ChildKind, id: string) {
  return notFound(kind === 'Model' ? `${NOT_FOUND.Model}: ${id}` : NOT_FOUND[kind]);
}

/** Looks a record up by id in a Map or a plain record, or throws the kind's NotFoundException. */
export function child<T>(container: Map<string, T> | Record<string, T> | undefined, kind: ChildKind, id: string): T {
  const found = container instanceof Map ? container.get(id) : container && Object.hasOwn(container, id) ? container[id] : undefined;
  if (found === undefined) throw missing(kind, id);
  return found;
}

/** A REST API of the caller's account and region ("Invalid API identifier specified 000000000000:abc"). */
/** A REST API by id; a missing one is "Invalid API identifier specified", or the error the
 * calling operation answers instead (`missingError`). */
export function getRestApi(state: V1State, restApiId: string, missingError?: () => Error): RestApiRecord {
  const record = state.restApis.get(restApiId);
  if (!record) throw missingError?.() ?? notFound(`Invalid API identifier specified ${state.accountId}:${restApiId}`);
  return record;
}

/**
 * The REST API a call on one of its children names. For these calls AWS reports an unknown
 * API with the child's message (GetResource on a missing API: "Invalid Resource identifier
 * specified"), as if only the child had been looked for.
 */
export function restApiOf(state: V1State, restApiId: string, kind: ChildKind, childId: string): RestApiRecord {
  return getRestApi(state, restApiId, () => missing(kind, childId));
}

/** The REST API and resource a method-level call names (both missing cases answer as a missing resource). */
export function resourceOf(state: V1State, input: { restApiId: string; resourceId: string }) {
  const api = restApiOf(state, input.restApiId, 'Resource', input.resourceId);
  return { api, resource: child(api.resources, 'Resource', input.resourceId) };
}

/** Drops undefined members so answers carry only what is set. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** The current time in whole seconds, as API Gateway reports its timestamps. */
export function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}
