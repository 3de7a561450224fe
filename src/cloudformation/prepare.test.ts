import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareTemplate, type PrepareInput } from './prepare.ts';
import type { SsmValue } from './ssm-references.ts';

const pseudo = { AccountId: '123456789012', Region: 'us-east-1', StackName: 's', StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1', Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] };
const prepare = (body: string, extra: Partial<PrepareInput> = {}) => prepareTemplate({ body, pseudo, ...extra });

test('conditions decide which resources exist and which branches create dependencies', async () => {
  const p = await prepare(`
Parameters:
  Env: { Type: String, AllowedValues: [dev, prod], Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
Resources:
  Big: { Type: T::X, Condition: IsProd }
  Small: { Type: T::X, Condition: IsDev }
  User:
    Type: T::X
    Properties:
      Target: !If [IsProd, !Ref Big, !Ref Small]
Outputs:
  BigOut: { Condition: IsProd, Value: !Ref Big }
`);
  assert.deepEqual(p.conditions, { IsProd: false, IsDev: true });
  assert.deepEqual(p.order, ['Small', 'User']);
  assert.deepEqual([...p.deps.get('User')!], ['Small']);
});

test('parameters: types and constraints', async () => {
  const body = JSON.stringify({
    Parameters: {
      Count: { Type: 'Number', MinValue: 1, MaxValue: 5 },
      Ids: { Type: 'List<Number>', Default: '1,2' },
      Names: { Type: 'CommaDelimitedList', Default: 'a,b' },
      Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
      Code: { Type: 'String', AllowedPattern: '[a-z]+', MinLength: 2, ConstraintDescription: 'lower-case letters' },
    },
    Resources: { A: { Type: 'T::X' } },
  });
  const ok = await prepare(body, { parameters: [{ ParameterKey: 'Count', ParameterValue: '5' }, { ParameterKey: 'Code', ParameterValue: 'ab' }] });
  assert.deepEqual(ok.parameters.values, { Count: '5', Ids: ['1', '2'], Names: ['a', 'b'], Vpc: 'vpc-1', Code: 'ab' });
  const fails = async (parameters: Array<{ ParameterKey: string; ParameterValue: string }>, message: string) =>
    assert.rejects(prepare(body, { parameters }), (err: any) => err.code === 'ValidationError' && err.message === message);
  await fails([{ ParameterKey: 'Count', ParameterValue: '6' }, { ParameterKey: 'Code', ParameterValue: 'ab' }], "Parameter 'Count' must be a number not greater than 5");
  await fails([{ ParameterKey: 'Count', ParameterValue: 'x' }, { ParameterKey: 'Code', ParameterValue: 'ab' }], "Parameter 'Count' must be a number");
  await fails([{ ParameterKey: 'Count', ParameterValue: '1' }, { ParameterKey: 'Code', ParameterValue: 'AB' }], "Parameter 'Code' failed to satisfy constraint: lower-case letters");
  await fails([{ ParameterKey: 'Count', ParameterValue: '1' }, { ParameterKey: 'Code', ParameterValue: 'ab' }, { ParameterKey: 'Nope', ParameterValue: '1' }], 'Parameters: [Nope] do not exist in the template');
  await fails([{ ParameterKey: 'Count', ParameterValue: '1' }, { ParameterKey: 'Code', ParameterValue: 'ab' }, { ParameterKey: 'Ids', ParameterValue: '1,x' }], "Parameter 'Ids' must be a number");
});

test('AWS::LanguageExtensions: Fn::ForEach expands resources and outputs', async () => {
  const p = await prepare(JSON.stringify({
    Transform: 'AWS::LanguageExtensions',
    Parameters: { Names: { Type: 'CommaDelimitedList', Default: 'alpha,beta-2' } },
    Resources: {
      'Fn::ForEach::Things': ['Name', { Ref: 'Names' }, { 'Thing&{Name}': { Type: 'T::X', Properties: { Label: { 'Fn::Sub': 'thing-${Name}' }, Raw: { Ref: 'Name' } } } }],
    },
    Outputs: { Count: { Value: { 'Fn::Length': { Ref: 'Names' } } } },
  }));
  assert.deepEqual(p.template.Resources, {
    Thingalpha: { Type: 'T::X', Properties: { Label: { 'Fn::Sub': 'thing-alpha' }, Raw: 'alpha' } },
    Thingbeta2: { Type: 'T::X', Properties: { Label: { 'Fn::Sub': 'thing-beta-2' }, Raw: 'beta-2' } },
  });
  assert.equal(p.template.Transform, undefined);
  assert.deepEqual(p.transforms, ['AWS::LanguageExtensions']);
});

test('AWS::Include reads a local snippet, as a value and merged beside other keys', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfn-include-'));
  writeFileSync(join(dir, 'props.yaml'), 'Size: 3\nColor: !Ref AWS::Region\n');
  writeFileSync(join(dir, 'resources.json'), JSON.stringify({ Extra: { Type: 'T::X' } }));
  const p = await prepare(JSON.stringify({
    Resources: {
      A: { Type: 'T::X', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: join(dir, 'props.yaml') } }, Name: 'a' } },
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: `file://${join(dir, 'resources.json')}` } },
    },
  }));
  assert.deepEqual(p.template.Resources, { A: { Type: 'T::X', Properties: { Size: 3, Color: { Ref: 'AWS::Region' }, Name: 'a' } }, Extra: { Type: 'T::X' } });
});

test('AWS::Include reads s3:// locations through the S3 reader; an unreadable one is a ValidationError', async () => {
  const objects: Record<string, string> = { 'snips/log.yaml': 'Log: { Type: AWS::Logs::LogGroup }\n' };
  const readS3 = async (bucket: string, key: string) => {
    if (bucket !== 'snippets' || !(key in objects)) throw new Error('NoSuchKey');
    return objects[key];
  };
  const body = (location: string) => JSON.stringify({ Resources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: location } } } });
  assert.deepEqual((await prepare(body('s3://snippets/snips/log.yaml'), { readS3 })).template.Resources, { Log: { Type: 'AWS::Logs::LogGroup' } });
  await assert.rejects(prepare(body('s3://snippets/missing.yaml'), { readS3 }), { message: 'Transform AWS::Include failed: cannot read s3://snippets/missing.yaml' });
  await assert.rejects(prepare(body('s3://snippets'), { readS3 }), { message: 'Transform AWS::Include failed: cannot read s3://snippets' });
  // Top-level Transform: the snippet is merged into the template.
  const merged = await prepare('Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/top.yaml } }\nResources:\n  A: { Type: T::X }\n', {
    readS3: async () => 'Outputs:\n  Out: { Value: x }\n',
  });
  assert.deepEqual(merged.template.Outputs, { Out: { Value: 'x' } });
});

test('unknown transforms and SAM resources localgate lacks are clear errors', async () => {
  await assert.rejects(prepare('Transform: My::Macro\nResources:\n  A: { Type: T::X }\n'), (err: any) => err.message === 'Template format error: No transform named My::Macro found.');
  await assert.rejects(prepare('Transform: AWS::Serverless-2016-10-31\nResources:\n  A: { Type: AWS::Serverless::SimpleTable }\n'), /Resource with id \[A\] is invalid/);
  const skipped = await prepare('Transform: AWS::Serverless-2016-10-31\nResources:\n  A: { Type: AWS::Serverless::SimpleTable }\n  B: { Type: AWS::Logs::LogGroup }\n', { skipUnsupported: true });
  assert.deepEqual(skipped.order, ['B']);
  assert.deepEqual(skipped.warnings, ['Skipped A: localgate does not support resource type AWS::Serverless::SimpleTable']);
  const transformed = await prepare('Transform: AWS::Serverless-2016-10-31\nResources:\n  A: { Type: AWS::Serverless::Function }\n', {
    transforms: { 'AWS::Serverless-2016-10-31': async (t) => ({ ...t, Resources: { Fn: { Type: 'AWS::Lambda::Function' } } }) },
  });
  assert.deepEqual(transformed.order, ['Fn']);
});

/** A Parameter Store stand-in: name (or name:version) to type and value. */
const ssmStore = (entries: Record<string, SsmValue>) => (reference: string) => entries[reference];

test('SSM parameter types read the Parameter Store; a missing parameter is CloudFormation\'s error', async () => {
  const readSsm = ssmStore({ '/cdk-bootstrap/hnb659fds/version': { Type: 'String', Value: '21' }, '/subnets': { Type: 'StringList', Value: 'a,b' } });
  const body = [
    'Parameters:',
    '  Version: { Type: "AWS::SSM::Parameter::Value<String>", Default: /cdk-bootstrap/hnb659fds/version }',
    '  Subnets: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /subnets }',
    '  Plain: { Type: "AWS::SSM::Parameter::Name", Default: /not/read }',
    'Resources:',
    '  A: { Type: T::X }',
  ].join('\n');
  const p = await prepare(body, { readSsm });
  assert.deepEqual(p.parameters.values, { Version: '21', Subnets: ['a', 'b'], Plain: '/not/read' });
  assert.deepEqual(p.parameters.given, { Version: '/cdk-bootstrap/hnb659fds/version', Subnets: '/subnets', Plain: '/not/read' });
  await assert.rejects(prepare(body, { readSsm: ssmStore({}) }), (err: any) =>
    err.message === 'Unable to fetch parameters [/cdk-bootstrap/hnb659fds/version] from parameter store for this account.');
  await assert.rejects(prepare(body), /Unable to fetch parameters \[\/cdk-bootstrap/);
});

test('{{resolve:ssm:...}} and {{resolve:ssm-secure:...}} references in resources read the Parameter Store', async () => {
  const readSsm = ssmStore({ '/db/host': { Type: 'String', Value: 'db.internal' }, '/db/host:1': { Type: 'String', Value: 'old' }, '/db/pw': { Type: 'SecureString', Value: 's3cret' } });
  const p = await prepare('Resources:\n  A: { Type: T::X, Properties: { Url: "https://{{resolve:ssm:/db/host}}/", Old: ["{{resolve:ssm:/db/host:1}}"], Pw: "{{resolve:ssm-secure:/db/pw}}" } }\n', { readSsm });
  assert.deepEqual(p.template.Resources.A.Properties, { Url: 'https://db.internal/', Old: ['old'], Pw: 's3cret' });
  await assert.rejects(prepare('Resources:\n  A: { Type: T::X, Properties: { X: "{{resolve:ssm:/nope:2}}" } }\n', { readSsm }), (err: any) => err.message === 'Parameters: [ssm:/nope:2] cannot be found.');
  // ssm reads String parameters only; a SecureString needs ssm-secure.
  await assert.rejects(prepare('Resources:\n  A: { Type: T::X, Properties: { X: "{{resolve:ssm:/db/pw}}" } }\n', { readSsm }), /Parameters: \[ssm:\/db\/pw\] cannot be found/);
});

test('malformed templates are ValidationErrors, never crashes', async () => {
  const bodies = [
    '[]', 'null', '{"Resources": []}', '{"Resources": {"A": "x"}}', '{"Resources": {"A": {"Type": 1}}}',
    '{"Resources": {"A": {"Type": "T", "Properties": "x"}}}', '{"Resources": {"A": {"Type": "T", "DependsOn": 5}}}',
    '{"Parameters": [], "Resources": {"A": {"Type": "T"}}}', '{"Parameters": {"P": null}, "Resources": {"A": {"Type": "T"}}}',
    '{"Conditions": {"C": "x"}, "Resources": {"A": {"Type": "T", "Condition": "C"}}}',
    '{"Conditions": {"C": {"Fn::Equals": "x"}}, "Resources": {"A": {"Type": "T"}}}',
    '{"Conditions": {"C": {"Condition": "C"}}, "Resources": {"A": {"Type": "T"}}}',
    '{"Resources": {"A": {"Type": "T", "Condition": {"x": 1}}}}',
    '{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Fn::GetAtt": 5}}}}}',
    '{"Resources": {"A": {"Type": "T"}}, "Outputs": {"O": null}}', '{"Resources": {"A": {"Type": "T"}}, "Rules": {"R": null}}',
    '{"Transform": [null], "Resources": {"A": {"Type": "T"}}}',
    '{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::X": ["a", "notalist", {}]}}',
    '{"Resources": {"A": {"Type": "T", "Properties": {"Fn::Transform": 5}}}}',
    'a: &a [*a]', 'Resources:\n  A: !GetAtt\n', '{"AWSTemplateFormatVersion": {"x": 1}, "Resources": {"A": {"Type": "T"}}}',
  ];
  for (const body of bodies) {
    await assert.rejects(prepare(body), (err: any) => err.code === 'ValidationError', body);
  }
});
