// Shared set-up for the API Gateway end-to-end tests: one localgate per test file with an
// SDK client for it (started before the file's tests, closed after), and the rejection
// assertions those files use. Read `gw.app` and `gw.client` inside tests: they are set by
// the time the first test runs.
import assert from 'node:assert/strict';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { Localgate } from '../src/app.ts';
import { clientConfig, useClient } from './helpers.ts';

export interface GatewaySetup<C> {
  app: Localgate;
  client: C;
}

function useGateway<C extends { destroy(): void }>(make: (app: Localgate) => C): GatewaySetup<C> {
  const setup = {} as GatewaySetup<C>;
  useClient(make, (app, client) => Object.assign(setup, { app, client }));
  return setup;
}

/** A localgate and an API Gateway (v1) client for this test file. */
export const useApiGatewayV1 = () => useGateway((app) => new APIGatewayClient(clientConfig(app)));

/** A localgate and an API Gateway v2 client for this test file. */
export const useApiGatewayV2 = () => useGateway((app) => new ApiGatewayV2Client(clientConfig(app)));

/** The call fails with this error name and message (exact, or matching the pattern). */
export const rejectsWithMessage = (p: Promise<unknown>, name: string, message: string | RegExp) =>
  assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });

/** The call fails with this error name and HTTP status (and message, when given). */
export async function rejectsWithStatus(promise: Promise<unknown>, name: string, status: number, message?: string) {
  await assert.rejects(promise, (err: any) => {
    assert.equal(err.name, name, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (message !== undefined) assert.equal(err.message, message);
    return true;
  });
}
