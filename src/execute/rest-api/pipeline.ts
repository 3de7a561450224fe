// One REST API request through its steps: the stage's deployed snapshot (or its canary's)
// -> body -> resource and method -> stage throttling -> authorization -> API key and usage
// plan -> request validation -> integration request -> integration -> integration
// response -> respond. Every fault is a gateway response type rendered as the deployment
// customised it (gateway-responses.ts).
import type { Integration } from '../../models/apigateway.types.ts';
import type { ApiGatewayV1Store, DeploymentRecord, RestApiLocation, RestApiSnapshot, StageRecord } from '../../services/apigateway/store.ts';
import { BodyTooLargeError, declaresNoBody } from '../../server/http-context.ts';
import type { ExecuteRequest } from '../entry.ts';
import { requestSource } from '../shared/gateway-request.ts';
import { integrationFor, isFailure, type IntegrationFailure } from '../shared/integration.ts';
import { publishStep } from '../shared/observe.ts';
import type { Throttler } from '../shared/throttle.ts';
import { authorize, type AuthorizeDeps } from './authorize.ts';
import { RestGatewayError, restErrors, restFailure, RestIntegrationError } from './errors.ts';
import { renderGatewayResponse } from './gateway-responses.ts';
import { integrationResponse } from './integration-response.ts';
import type { AwsServiceCaller } from './integrations/aws-service.ts';
import type { RestIntegrationOutput } from './integrations/contract.ts';
import { restIntegrations } from './integrations/index.ts';
import { requestParams, templateContext, valueSources, type Invocation } from './invocation.ts';
import { restRequest } from './request.ts';
import { ResourceTree, splitPath } from './resources.ts';
import { sendRest, type ResponseIds, type RestResponse } from './respond.ts';
import type { UsageTracker } from './usage.ts';
import { checkApiKey } from './usage.ts';
import { validateRequest } from './validate.ts';

export interface RestPipelineDeps extends AuthorizeDeps {
  store: ApiGatewayV1Store;
  usage: UsageTracker;
  stageThrottler: Throttler;
  services?: AwsServiceCaller;
}

/** REST API payloads are limited to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const trees = new WeakMap<RestApiSnapshot, ResourceTree>();
function treeOf(snapshot: RestApiSnapshot): ResourceTree {
  let tree = trees.get(snapshot);
  if (!tree) trees.set(snapshot, (tree = new ResourceTree(snapshot.resources)));
  return tree;
}

/** A step's answer: its value, or a promise of it when the step waits (a body to read, an
 * authorizer or integration to call). Steps that need not wait answer directly: each
 * `async` step would cost every request a promise and a turn of the microtask queue. */
type Answer<T> = T | Promise<T>;

export function serveRestApi(deps: RestPipelineDeps, location: RestApiLocation, exec: ExecuteRequest): Promise<void> | undefined {
  // The server already gave the request a UUID (its x-amzn-RequestId): it is $context.requestId.
  const ids: ResponseIds = { requestId: exec.http.requestId, extendedRequestId: exec.requestId };
  // The invocation once prepared: a fault after that is rendered with its values.
  const prepared: { inv?: Invocation } = {};
  try {
    const out = answer(deps, location, exec, ids, prepared);
    if (out instanceof Promise) return out.then((response) => sendRest(exec.http.res, ids, response)).catch((err) => sendFailure(exec, ids, prepared.inv, err));
    sendRest(exec.http.res, ids, out);
  } catch (err) {
    sendFailure(exec, ids, prepared.inv, err);
  }
  return undefined;
}

function answer(deps: RestPipelineDeps, location: RestApiLocation, exec: ExecuteRequest, ids: ResponseIds, prepared: { inv?: Invocation }): Answer<RestResponse> {
  const served = servedDeployment(location, exec);
  const body = requestBody(exec);
  if (body instanceof Promise) return body.then((read) => run(deps, (prepared.inv = prepare(location, exec, ids, served, read))));
  return run(deps, (prepared.inv = prepare(location, exec, ids, served, body)));
}

function sendFailure(exec: ExecuteRequest, ids: ResponseIds, inv: Invocation | undefined, err: unknown) {
  if (!(err instanceof RestGatewayError)) console.error('[localgate] REST API request failed:', err);
  const e = err instanceof RestGatewayError ? err : restErrors.internal();
  publishStep('error', traceError(e, err));
  const context = inv ? templateContext(inv) : { requestId: ids.requestId, extendedRequestId: ids.extendedRequestId, apiId: exec.apiId, stage: exec.stage };
  const out = renderGatewayResponse(e, {
    snapshot: inv?.snapshot,
    context,
    sources: inv && valueSources(inv, context),
    params: inv && requestParams(inv),
  });
  if (e.type === 'REQUEST_TOO_LARGE') out.headers.Connection = 'close';
  sendRest(exec.http.res, ids, out);
}

/** The console's wording of a failure: the gateway response type and AWS's message. */
function traceError(e: RestGatewayError, cause: unknown): string {
  const message = e.messageValue ?? 'null';
  if (e instanceof RestIntegrationError && e.reason) return `${e.type}: ${message} (${e.reason})`;
  return e === cause ? `${e.type}: ${message}` : `${e.type}: ${message} (${String(cause)})`;
}

/** The deployment the stage serves: its canary's for percentTraffic of the requests. */
function deploymentFor(location: RestApiLocation, stage: StageRecord) {
  const canary = stage.canarySettings;
  const canaryDeployment = canary?.deploymentId ? location.record.deployments.get(canary.deploymentId) : undefined;
  if (canaryDeployment && Math.random() * 100 < (canary!.percentTraffic ?? 0)) {
    return { deployment: canaryDeployment, variables: { ...stage.variables, ...canary!.stageVariableOverrides } };
  }
  return { deployment: location.record.deployments.get(stage.deploymentId), variables: { ...stage.variables } };
}

interface ServedDeployment {
  stage: StageRecord;
  deployment: DeploymentRecord;
  variables: Record<string, string>;
}

function servedDeployment(location: RestApiLocation, exec: ExecuteRequest): ServedDeployment {
  const stage = location.record.stages.get(exec.stage);
  const chosen = stage && deploymentFor(location, stage);
  if (!stage || !chosen?.deployment) {
    exec.http.req.resume();
    throw restErrors.unknownStage();
  }
  return { stage, deployment: chosen.deployment, variables: chosen.variables };
}

const NO_BODY = Buffer.alloc(0);

/** The request's body; read only when it declares one. */
function requestBody(exec: ExecuteRequest): Answer<Buffer> {
  if (declaresNoBody(exec.http.req)) return NO_BODY;
  return exec.http.readBody(MAX_BODY_BYTES).catch((err) => {
    throw err instanceof BodyTooLargeError ? restErrors.tooLarge(MAX_BODY_BYTES) : err;
  });
}

function prepare(location: RestApiLocation, exec: ExecuteRequest, ids: ResponseIds, served: ServedDeployment, body: Buffer): Invocation {
  const segments = splitPath(exec.path);
  const req = restRequest(requestSource(exec.http), { rawPath: `/${exec.stage}${exec.path}`, stagePath: exec.path }, body);
  const snapshot = served.deployment.snapshot;
  const inv: Invocation = { exec, location, snapshot, stage: served.stage, stageVariables: served.variables, req, ids, deploymentId: served.deployment.id };
  inv.match = segments ? treeOf(snapshot).match(req.method, segments.decoded, segments.raw) : undefined;
  if (inv.match) publishStep('route', `${inv.match.method.httpMethod ?? req.method} ${inv.match.resource.path}`);
  return inv;
}

/** Whether an object has any key, without listing them (a stage's method settings are usually none). */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function throttleStage(deps: RestPipelineDeps, inv: Invocation) {
  const settings = inv.stage?.methodSettings;
  if (!settings || !hasKeys(settings)) return;
  const path = inv.match!.resource.path.replace(/~/g, '~0').replace(/\//g, '~1');
  const key = `${path}/${inv.req.method}`;
  const own = settings[key] ?? settings[`${path}/${inv.match!.method.httpMethod}`];
  const setting = own ?? settings['*/*'];
  if (!setting || (setting.throttlingRateLimit === undefined && setting.throttlingBurstLimit === undefined)) return;
  const rate = setting.throttlingRateLimit ?? Number.POSITIVE_INFINITY;
  const burst = setting.throttlingBurstLimit ?? Math.max(1, Math.ceil(rate));
  const bucket = `${inv.exec.apiId}/${inv.exec.stage}/${own ? key : '*/*'}`;
  if (!deps.stageThrottler.allow(bucket, { rate, burst }, inv.req.timeEpoch)) throw restErrors.throttled();
}

function run(deps: RestPipelineDeps, inv: Invocation): Answer<RestResponse> {
  // Thrown here, not in prepare(): an unmatched path is answered with the deployment's own
  // customisation of MISSING_AUTHENTICATION_TOKEN (or DEFAULT_4XX), as AWS does.
  if (!inv.match) throw restErrors.missingToken();
  throttleStage(deps, inv);
  const authType = inv.match.method.authorizationType ?? 'NONE';
  if (authType === 'NONE') return authorized(deps, inv);
  return authorizeThen(deps, inv, authType);
}

async function authorizeThen(deps: RestPipelineDeps, inv: Invocation, authType: string): Promise<RestResponse> {
  publishStep('authorizer', `${authType}: denied`);
  inv.auth = await authorize(deps, inv);
  publishStep('authorizer', `${authType}: allowed`);
  return authorized(deps, inv);
}

function authorized(deps: RestPipelineDeps, inv: Invocation): Answer<RestResponse> {
  inv.apiKey = checkApiKey(deps.store, deps.usage, inv);
  validateRequest(inv);
  return runIntegration(deps, inv);
}

/** From the integration request on: what TestInvokeMethod runs too (it skips authorization, API keys and validation, as AWS's test does). */
export function runIntegration(deps: Pick<RestPipelineDeps, 'invoker' | 'services'>, inv: Invocation): Answer<RestResponse> {
  const integration = inv.match!.method.methodIntegration;
  publishStep('integration', integration?.type);
  const integrate = integration && integrationFor(restIntegrations, integration.type);
  if (!integration || !integrate) throw restErrors.configuration();
  const out = integrate.invoke({ invoker: deps.invoker, services: deps.services, integration, inv });
  return out instanceof Promise ? out.then((settled) => endpointAnswer(inv, integration, settled)) : endpointAnswer(inv, integration, out);
}

function endpointAnswer(inv: Invocation, integration: Integration, out: RestIntegrationOutput | IntegrationFailure): RestResponse {
  if (isFailure(out)) throw restFailure(out);
  return 'response' in out ? out.response : integrationResponse(inv, integration, out.endpoint, out.request.context);
}
