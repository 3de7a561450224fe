// TestInvokeMethod and TestInvokeAuthorizer on the REST data plane (the v1 provider
// declares the interface, services/apigateway/data-plane.ts). A method runs in its API's
// CURRENT (undeployed) configuration through the integration steps, as the console's Test
// tab does: no stage (context.stage "test-invoke-stage"), no authorizer, API key or
// validation, and an execution log in API Gateway's format built from the steps the
// integration publishes. An authorizer runs the same way, on a GET of the given path with
// the methodArn stage "ESTestInvoke-stage" (what AWS's test sends), without evaluating the
// policy or caching the result.
import { randomUUID } from 'node:crypto';
import type * as T from '../../models/apigateway.types.ts';
import type { RestTestInvoker, TestInvokeScope } from '../../services/apigateway/data-plane.ts';
import { freezeSnapshot } from '../../services/apigateway/snapshot.ts';
import type { ResourceRecord } from '../../services/apigateway/store.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { lastValues } from '../shared/gateway-request.ts';
import { collectSteps, type RequestTrace } from '../shared/observe.ts';
import { runLambdaAuthorizer } from './authorize.ts';
import { authorizeCognito } from './cognito.ts';
import { RestGatewayError, RestIntegrationError, restErrors } from './errors.ts';
import { renderGatewayResponse } from './gateway-responses.ts';
import { templateContext, type Invocation } from './invocation.ts';
import { runIntegration } from './pipeline.ts';
import { restRequest, singleHeaders, type RestRequest } from './request.ts';
import { ResourceTree, splitPath } from './resources.ts';
import type { RestResponse } from './respond.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** java.util.Date#toString in UTC, as the execution log stamps its lines: "Tue Mar 12 19:03:58 UTC 2024". */
function logTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** The execution log shows only the last 6 characters of an identity value. */
const masked = (value: string | undefined) => (value === undefined ? 'null' : '*'.repeat(Math.max(0, value.length - 6)) + value.slice(-6));

/** A java.util.Map's toString: {a=1, b=2}. */
const javaMap = (m: Record<string, unknown>) => `{${Object.entries(m).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(', ')}}`;

export class RestApiTestInvoker implements RestTestInvoker {
  constructor(private readonly invoker: LambdaInvoker) {}

  async testInvokeMethod({ account, region, record }: TestInvokeScope, resource: ResourceRecord, input: T.TestInvokeMethodRequest): Promise<T.TestInvokeMethodResponse> {
    const started = Date.now();
    const snapshot = freezeSnapshot(record);
    const frozen = snapshot.resources.find((r) => r.id === resource.id)!;
    const req = testRequest(input, input.httpMethod, resource.path, started);
    const segments = splitPath(req.stagePath);
    const matched = new ResourceTree([frozen]).match(input.httpMethod, segments?.decoded ?? [], segments?.raw ?? []);
    const requestId = randomUUID();
    const inv: Invocation = {
      exec: { apiId: record.api.id, stage: 'test-invoke-stage', domainName: 'testPrefix.testDomainName', domainPrefix: 'testPrefix' },
      location: { account, region, record },
      snapshot,
      stageVariables: { ...input.stageVariables },
      req,
      ids: { requestId, extendedRequestId: requestId },
      match: { resource: frozen, method: frozen.resourceMethods[input.httpMethod] ?? frozen.resourceMethods.ANY, pathParameters: matched?.pathParameters ?? {} },
    };
    let failure: string | undefined;
    const { result: out, trace } = await collectSteps(async (): Promise<RestResponse> => {
      try {
        return await runIntegration({ invoker: this.invoker }, inv);
      } catch (err) {
        const e = err instanceof RestGatewayError ? err : restErrors.internal();
        failure = e instanceof RestIntegrationError && e.reason ? e.reason : `${e.type}: ${e.messageValue ?? 'null'}`;
        return renderGatewayResponse(e, { snapshot, context: templateContext(inv) });
      }
    });
    if (failure) trace.error = failure;
    const headers: Record<string, string> = {};
    const multiValueHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(out.headers)) {
      // A failed execution reports only the gateway's error type, no Content-Type
      // (test_apigateway_api.snapshot.json#TestApigatewayTestInvoke::test_failed_invoke_test_method).
      if (failure && name.toLowerCase() === 'content-type') continue;
      const values = Array.isArray(value) ? value : [value];
      headers[name] = values[values.length - 1];
      multiValueHeaders[name] = values;
    }
    const body = out.body.toString('utf8');
    const log = executionLog(inv, trace, { status: out.status, body, headers }, started);
    return { status: out.status, body, headers, multiValueHeaders, log, latency: Date.now() - started };
  }

  async testInvokeAuthorizer({ account, region, record }: TestInvokeScope, authorizer: T.Authorizer & { id: string }, input: T.TestInvokeAuthorizerRequest): Promise<T.TestInvokeAuthorizerResponse> {
    const started = Date.now();
    const req = testRequest(input, 'GET', '/', started);
    const requestId = randomUUID();
    const testResource = { id: 'test-invoke-resource-id', path: '/', resourceMethods: {} };
    const inv: Invocation = {
      exec: { apiId: record.api.id, stage: 'test-invoke-stage', domainName: 'testPrefix.testDomainName', domainPrefix: 'testPrefix' },
      location: { account, region, record },
      snapshot: freezeSnapshot(record),
      stageVariables: { ...input.stageVariables },
      req,
      ids: { requestId, extendedRequestId: requestId },
      match: { resource: testResource, method: { httpMethod: 'GET' }, pathParameters: {} },
    };
    const at = logTime(started);
    const lines = [`Execution log for request ${requestId}`];
    const line = (text: string) => lines.push(`${at} : ${text}`);
    line(`Starting authorizer: ${authorizer.id} for request: ${requestId}`);
    const out: T.TestInvokeAuthorizerResponse = { clientStatus: 0 };
    try {
      if (authorizer.type === 'COGNITO_USER_POOLS') {
        out.claims = authorizeCognito(authorizer, inv, undefined).claims;
      } else {
        const arn = `arn:aws:execute-api:${region}:${account}:${record.api.id}/ESTestInvoke-stage/GET${req.stagePath}`;
        const answer = await runLambdaAuthorizer(this.invoker, authorizer, inv, {
          methodArn: arn,
          observer: {
            identity: (values) => line(`Incoming identity: ${javaMap(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, masked(v)])))}`),
            request: (uri, event) => {
              line(`Endpoint request URI: ${uri}`);
              line(`Endpoint request body after transformations: ${JSON.stringify(event)}`);
              line(`Sending request to ${uri}`);
            },
            result: (payload) => line(`Authorizer result body before parsing: ${payload.toString('utf8')}`),
          },
        });
        out.principalId = answer.principalId;
        out.policy = JSON.stringify(answer.policyDocument);
        line(`Using valid authorizer policy for principal: ${answer.principalId ?? ''}`);
      }
      line('Successfully completed authorizer execution');
    } catch (err) {
      const e = err instanceof RestGatewayError ? err : restErrors.internal();
      out.clientStatus = renderGatewayResponse(e, { snapshot: inv.snapshot, context: templateContext(inv) }).status;
      if (e.type === 'UNAUTHORIZED') {
        line(`Unauthorized request: ${requestId}`);
        line('Unauthorized');
      } else {
        line(`Execution failed due to configuration error: ${e.type}: ${e.messageValue ?? 'null'}`);
      }
    }
    out.log = `${lines.join('\n')}\n`;
    out.latency = Date.now() - started;
    return out;
  }
}

type TestRequestInput = Pick<T.TestInvokeMethodRequest, 'pathWithQueryString' | 'headers' | 'multiValueHeaders' | 'body'>;

/** The simulated method request of a test invocation. */
function testRequest(input: TestRequestInput, method: string, defaultPath: string, started: number): RestRequest {
  const [rawPath, rawQuery = ''] = (input.pathWithQueryString || defaultPath).split('?', 2);
  const rawHeaders: string[] = [];
  for (const [name, values] of Object.entries(input.multiValueHeaders ?? {})) for (const v of values) rawHeaders.push(name, v);
  for (const [name, value] of Object.entries(input.headers ?? {})) rawHeaders.push(name, value);
  const source = { method, rawQuery, rawHeaders, sourceIp: 'test-invoke-source-ip', protocol: 'HTTP/1.1' };
  return restRequest(source, { rawPath, stagePath: rawPath }, Buffer.from(input.body ?? '', 'utf8'), started);
}

function executionLog(inv: Invocation, trace: RequestTrace, out: { status: number; body: string; headers: Record<string, string> }, started: number): string {
  const at = logTime(started);
  const lines = [`Execution log for request ${inv.ids.requestId}`];
  const line = (text: string) => lines.push(`${at} : ${text}`);
  line(`Starting execution for request: ${inv.ids.requestId}`);
  line(`HTTP Method: ${inv.req.method}, Resource Path: ${inv.req.path}`);
  line(`Method request path: ${javaMap(inv.match!.pathParameters)}`);
  line(`Method request query string: ${javaMap(lastValues(inv.req.query))}`);
  line(`Method request headers: ${javaMap(singleHeaders(inv.req))}`);
  line(`Method request body before transformations: ${inv.req.body.toString('utf8')}`);
  if (trace.upstream) line(`Endpoint request URI: ${trace.upstream.url}`);
  if (trace.event !== undefined && trace.integration !== 'MOCK') line(`Endpoint request body after transformations: ${JSON.stringify(trace.event)}`);
  if (trace.functionResponse) line(`Endpoint response body before transformations: ${trace.functionResponse.toString('utf8')}`);
  if (trace.error) {
    line(`Execution failed due to configuration error: ${trace.error}`);
  } else {
    line(`Method response body after transformations: ${out.body}`);
    line(`Method response headers: ${javaMap(out.headers)}`);
    line('Successfully completed execution');
  }
  line(`Method completed with status: ${out.status}`);
  return `${lines.join('\n')}\n`;
}
