import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../protocol/errors.ts';
import { serviceInput } from './service-call.ts';

test('template strings become the numbers and booleans the model declares, deep inside structures', () => {
  const input = serviceInput('lambda', 'CreateFunction', {
    FunctionName: 'f',
    Role: 'arn:aws:iam::000000000000:role/r',
    Code: { ZipFile: Buffer.from('zip') },
    Timeout: '30',
    MemorySize: 256,
    EphemeralStorage: { Size: '1024' },
    Publish: 'TRUE',
    Unknown: 'ignored',
  });
  assert.deepEqual(input, { FunctionName: 'f', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: Buffer.from('zip') }, Timeout: 30, MemorySize: 256, EphemeralStorage: { Size: 1024 }, Publish: true });
});

test('numbers become strings where the model wants strings, and URI members are read as labels', () => {
  const input = serviceInput('apigatewayv2', 'CreateStage', { ApiId: 'abc', StageName: 2024, StageVariables: { n: 1 }, AutoDeploy: 'false' });
  assert.deepEqual(input, { ApiId: 'abc', StageName: '2024', StageVariables: { n: '1' }, AutoDeploy: false });
});

test('values that cannot convert and missing required members get the service validation error', () => {
  assert.throws(() => serviceInput('lambda', 'PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 'many' }), (err: unknown) => {
    assert.ok(err instanceof AwsError);
    assert.equal(err.code, 'ValidationException');
    assert.equal(err.message, "1 validation error detected: Value 'many' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must be an integer");
    return true;
  });
  assert.throws(() => serviceInput('apigatewayv2', 'CreateRoute', { ApiId: 'abc' }), { code: 'BadRequestException' });
});

test('a query-string map stays apart from the other query members (ImportRestApi parameters)', () => {
  const body = Buffer.from('{"openapi":"3.0.1"}');
  const input = serviceInput('apigateway', 'ImportRestApi', { body, failOnWarnings: 'true', parameters: { endpointConfigurationTypes: 'REGIONAL' } });
  assert.deepEqual(input, { body, failOnWarnings: true, parameters: { endpointConfigurationTypes: 'REGIONAL' } });
});
