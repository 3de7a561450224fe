// What the v1 provider needs from the REST data plane, declared here and implemented in
// src/execute/rest-api (app.ts hands it over): TestInvokeMethod and TestInvokeAuthorizer
// run the data plane's steps, and GetUsage/UpdateUsage read the quota counts requests used.
import type * as T from '../../models/apigateway.types.ts';
import type { ResourceRecord, RestApiRecord, UsagePlanRecord } from './store.ts';

/** The REST API a test invocation runs in, and who asked. */
export interface TestInvokeScope {
  account: string;
  region: string;
  record: RestApiRecord;
}

export interface RestTestInvoker {
  /** Runs the method of `resource` in the API's current (undeployed) configuration. */
  testInvokeMethod(scope: TestInvokeScope, resource: ResourceRecord, input: T.TestInvokeMethodRequest): Promise<T.TestInvokeMethodResponse>;
  /** Runs the authorizer once, without evaluating its policy or caching its answer. */
  testInvokeAuthorizer(scope: TestInvokeScope, authorizer: T.Authorizer & { id: string }, input: T.TestInvokeAuthorizerRequest): Promise<T.TestInvokeAuthorizerResponse>;
}

/** Requests counted per usage plan and API key. */
export interface UsageCounts {
  /** Requests counted on a UTC day ("YYYY-MM-DD"). */
  usedOn(planId: string, keyId: string, day: string): number;
  /** What is left of the plan's quota for the key in the quota period `at` (epoch ms) falls in. */
  remaining(plan: UsagePlanRecord, keyId: string, at: number): number;
  /** UpdateUsage: sets what is left of the quota period `at` falls in. */
  setRemaining(plan: UsagePlanRecord, keyId: string, remaining: number, at: number): void;
}

export interface RestDataPlane {
  testInvoke: RestTestInvoker;
  usage: UsageCounts;
}
