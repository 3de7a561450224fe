import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from './errors.ts';
import { loadModel } from './model.ts';
import { invokeJson } from './json-rpc.ts';
import type { RequestContext, ServiceDefinition } from './engine.ts';

const ssm = (provider: object): ServiceDefinition => ({
  name: 'ssm',
  protocol: 'json',
  model: loadModel('ssm'),
  provider,
  validationErrorCode: 'ValidationException',
  malformedBodyCode: 'SerializationException',
  maxBodyBytes: 1 << 20,
  signingNames: ['ssm'],
});
const ctx = { requestId: 'r' } as RequestContext;
const call = (provider: object, op: string | undefined, body: string | Buffer) => invokeJson(ssm(provider), op, `AmazonSSM.${op ?? 'Nope'}`, Buffer.from(body), ctx);

test('members by model name in, epoch-second timestamps out, x-amz-json-1.1', async () => {
  let seen: unknown;
  const provider = { getParameter: (input: unknown) => ((seen = input), { Parameter: { Name: 'n', Version: 2, LastModifiedDate: new Date(1700000000500) } }) };
  const res = await call(provider, 'GetParameter', '{"Name":"n","WithDecryption":true,"Unknown":1}');
  assert.deepEqual(seen, { Name: 'n', WithDecryption: true });
  assert.equal(res.status, 200);
  assert.equal(res.headers['Content-Type'], 'application/x-amz-json-1.1');
  assert.equal(res.body, '{"Parameter":{"Name":"n","Version":2,"LastModifiedDate":1700000000.5}}');
});

test('errors are {"__type", "message"} with the shape\'s status', async () => {
  const res = await call({ getParameter: () => { throw new AwsError('ParameterNotFound', ''); } }, 'GetParameter', '{"Name":"n"}');
  assert.equal(res.status, 400);
  assert.deepEqual(JSON.parse(String(res.body)), { __type: 'ParameterNotFound', message: '' });
});

test('bad bodies and unknown targets never reach the provider', async () => {
  const provider = { getParameter: () => assert.fail('called') };
  const cases: Array<[string | undefined, string | Buffer, string]> = [
    ['GetParameter', '{not json', 'SerializationException'],
    ['GetParameter', '[1]', 'SerializationException'],
    ['GetParameter', Buffer.from([0x7b, 0x22, 0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'SerializationException'],
    ['GetParameter', '{}', 'ValidationException'],
    ['GetParameter', '{"Name":5}', 'ValidationException'],
    [undefined, '{}', 'UnknownOperationException'],
  ];
  for (const [op, body, code] of cases) {
    const res = await call(provider, op, body);
    assert.equal(res.status, 400, `${body}`);
    assert.equal(JSON.parse(String(res.body)).__type, code, `${body}`);
  }
  const missing = await call({}, 'DeleteParameter', '{"Name":"n"}');
  assert.equal(missing.status, 501);
  assert.equal(JSON.parse(String(missing.body)).message, 'localgate does not implement ssm DeleteParameter yet');
});
