// TestInvokeMethod and TestInvokeAuthorizer: the API, resource, method or authorizer are
// looked up here (their NotFoundExceptions are the control plane's); the REST data plane
// runs them (src/execute/rest-api/test-invoke.ts, behind the RestTestInvoker interface).
import type * as T from '../../models/apigateway.types.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type { RestTestInvoker } from './data-plane.ts';
import { child, getRestApi, scope } from './lookup.ts';
import type { ApiGatewayV1Store } from './store.ts';

export class TestInvokeOperations {
  constructor(
    private store: ApiGatewayV1Store,
    private invoker: RestTestInvoker,
  ) {}

  testInvokeMethod(input: T.TestInvokeMethodRequest, ctx: RequestContext): Promise<T.TestInvokeMethodResponse> {
    const record = getRestApi(scope(this.store, ctx), input.restApiId);
    const resource = child(record.resources, 'Resource', input.resourceId);
    child(resource.resourceMethods, 'Method', input.httpMethod);
    return this.invoker.testInvokeMethod({ account: ctx.account, region: ctx.region, record }, resource, input);
  }

  testInvokeAuthorizer(input: T.TestInvokeAuthorizerRequest, ctx: RequestContext): Promise<T.TestInvokeAuthorizerResponse> {
    const record = getRestApi(scope(this.store, ctx), input.restApiId);
    const authorizer = child(record.authorizers, 'Authorizer', input.authorizerId);
    return this.invoker.testInvokeAuthorizer({ account: ctx.account, region: ctx.region, record }, authorizer, input);
  }
}
