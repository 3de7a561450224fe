// The request and answer shapes every API Gateway corpus file builds: a call to an API
// Gateway path, an error answer, a patch body, and the REST API most cases start from.
import type { RecordedStep } from './harness.ts';

export const call = (method: string, path: string, body?: unknown): RecordedStep['request'] => ({ method, path, service: 'apigateway', body });
export const error = (status: number, message: string) => ({ status, body: { message } });
export const patch = (...patchOperations: Array<Record<string, string>>) => ({ patchOperations });
/** CreateRestApi named 'api', saving its id as `api` and its root resource as `root`. */
export const createApi: RecordedStep = {
  request: call('POST', '/restapis', { name: 'api' }),
  expect: { status: 201 },
  save: { api: 'id', root: 'rootResourceId' },
};
