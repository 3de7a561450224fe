// The requests both Lambda corpus files build: functions created with a small zip sent
// base64 in the JSON body (as the SDKs send ZipFile), and plain calls to a Lambda path.
import type { RecordedStep } from './harness.ts';
import { makeZip, ROLE } from '../fixtures/lambda/zips.ts';

export const SNAPSHOT = 'localstack/localstack tests/aws/services/lambda_/test_lambda_api.snapshot.json';
export const ZIP = Buffer.from(makeZip({ 'index.js': 'exports.handler = async (event) => event;' })).toString('base64');
export const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
export const FUNCTIONS = '/2015-03-31/functions';

export const create = (name: string, extra: Record<string, unknown> = {}): RecordedStep['request'] => ({
  method: 'POST',
  path: FUNCTIONS,
  service: 'lambda',
  body: { FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: ZIP }, ...extra },
});
export const call = (method: string, path: string, body?: unknown): RecordedStep['request'] => ({ method, path, service: 'lambda', body });
