import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from './errors.ts';
import { loadModel } from './model.ts';
import { invokeQuery, parseForm, readQueryInput, renderQueryError } from './query.ts';
import type { RequestContext, ServiceDefinition } from './engine.ts';

const cfnModel = loadModel('cloudformation');
const service = (provider: object = {}, name = 'cloudformation', model = cfnModel): ServiceDefinition => ({
  name,
  protocol: 'query',
  model,
  provider,
  validationErrorCode: 'ValidationError',
  malformedBodyCode: 'ValidationError',
  maxBodyBytes: 1 << 20,
  signingNames: [name],
});
const ctx = { requestId: 'req-1', account: '000000000000', region: 'us-east-1' } as RequestContext;

test('forms are decoded strictly: bad percent-escapes and invalid UTF-8 are refused', () => {
  assert.deepEqual([...parseForm('Action=CreateStack&StackName=a+b%26c&Empty=&Flag')!], [
    ['Action', 'CreateStack'],
    ['StackName', 'a b&c'],
    ['Empty', ''],
    ['Flag', ''],
  ]);
  assert.equal(parseForm('Action=%zz'), undefined);
  assert.equal(parseForm('Action=%ff%fe'), undefined);
  assert.equal(parseForm(Buffer.from([0x41, 0x3d, 0xff])), undefined);
});

test('flattened members are read back into the model shape, with types coerced', () => {
  const params = parseForm(
    'Action=CreateStack&StackName=s&Parameters.member.1.ParameterKey=A&Parameters.member.1.ParameterValue=1' +
      '&Parameters.member.2.ParameterKey=B&Parameters.member.2.UsePreviousValue=true&Capabilities.member.1=CAPABILITY_IAM' +
      '&TimeoutInMinutes=5&Tags=&NotAMember=ignored&Parameters.member.4.ParameterKey=gap',
  )!;
  assert.deepEqual(readQueryInput(service(), 'CreateStackInput', params), {
    StackName: 's',
    Parameters: [{ ParameterKey: 'A', ParameterValue: '1' }, { ParameterKey: 'B', UsePreviousValue: true }],
    Capabilities: ['CAPABILITY_IAM'],
    TimeoutInMinutes: 5,
    Tags: [],
  });
});

test('maps travel as entry.N.key / entry.N.value', () => {
  const model = {
    ...cfnModel,
    shapes: {
      In: { type: 'structure' as const, members: { Attributes: { shape: 'AttrMap' } } },
      AttrMap: { type: 'map' as const, key: { shape: 'Str' }, value: { shape: 'Str' } },
      Str: { type: 'string' as const },
    },
  };
  const params = parseForm('Attributes.entry.1.key=k1&Attributes.entry.1.value=v1&Attributes.entry.2.key=k2&Attributes.entry.2.value=v2')!;
  assert.deepEqual(readQueryInput(service({}, 'x', model), 'In', params), { Attributes: { k1: 'v1', k2: 'v2' } });
});

test('a missing required member or a bad number is a ValidationError', () => {
  assert.throws(() => readQueryInput(service(), 'CreateStackInput', parseForm('Action=CreateStack')!), (e: AwsError) => {
    assert.equal(e.code, 'ValidationError');
    assert.equal(e.message, "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
    return true;
  });
  assert.throws(() => readQueryInput(service(), 'CreateStackInput', parseForm('StackName=s&TimeoutInMinutes=soon')!), /Member must be a number/);
});

test('answers are <{Op}Response> with the result wrapper, lists as <member> and the request id', async () => {
  const provider = {
    describeStacks: () => ({ Stacks: [{ StackName: 's', CreationTime: new Date('2024-01-02T03:04:05Z'), StackStatus: 'CREATE_COMPLETE', Capabilities: ['CAPABILITY_IAM'], Outputs: [{ OutputKey: 'k', OutputValue: 'a<b' }] }] }),
  };
  const res = await invokeQuery(service(provider), 'DescribeStacks', parseForm('Action=DescribeStacks')!, ctx);
  assert.equal(res.status, 200);
  assert.equal(res.headers['Content-Type'], 'text/xml');
  assert.equal(
    res.body,
    '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>' +
      // Members in the model's order, as AWS writes them.
      '<StackName>s</StackName><CreationTime>2024-01-02T03:04:05.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>' +
      '<Capabilities><member>CAPABILITY_IAM</member></Capabilities><Outputs><member><OutputKey>k</OutputKey><OutputValue>a&lt;b</OutputValue></member></Outputs>' +
      '</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeStacksResponse>',
  );
});

test('errors use the shape\'s wire code and status; a missing method is NotImplemented', async () => {
  const iam = loadModel('iam');
  const res = renderQueryError(iam, new AwsError('NoSuchEntityException', 'The role with name x cannot be found.'), 'r');
  assert.equal(res.status, 404);
  assert.equal(
    res.body,
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
      '<Message>The role with name x cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
  );
  const missing = await invokeQuery(service(), 'ListStacks', parseForm('Action=ListStacks')!, ctx);
  assert.equal(missing.status, 501);
  assert.match(String(missing.body), /<Code>NotImplemented<\/Code><Message>localgate does not implement cloudformation ListStacks yet<\/Message>/);
});
