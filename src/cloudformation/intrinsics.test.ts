import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cidr } from './cidr.ts';
import { resolve, type EvalContext } from './intrinsics.ts';

const ctx = (over: Partial<EvalContext> = {}): EvalContext => ({
  parameters: { Env: 'prod', Names: ['a', 'b', 'c'] },
  pseudo: { AccountId: '123456789012', Region: 'eu-west-1', StackName: 's', StackId: 'arn:stack', Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] },
  mappings: { M: { prod: { Size: 3 } } },
  condition: (name) => ({ IsProd: true, IsDev: false } as Record<string, boolean>)[name],
  resource: (id) => (id === 'Api' ? { ref: 'abc123', attributes: { RootResourceId: 'root1', 'Outputs.Url': 'u' } } : undefined),
  importValue: (name) => (name === 'Shared' ? 'shared-value' : (() => { throw new Error('no export'); })()),
  languageExtensions: false,
  ...over,
});

test('Ref, pseudo parameters and GetAtt', () => {
  assert.deepEqual(resolve({ a: { Ref: 'Env' }, b: { Ref: 'AWS::Region' }, c: { Ref: 'Api' }, d: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, e: { Ref: 'AWS::NoValue' }, f: { Ref: 'Names' } }, ctx()),
    { a: 'prod', b: 'eu-west-1', c: 'abc123', d: 'root1', f: ['a', 'b', 'c'] });
  assert.throws(() => resolve({ 'Fn::GetAtt': ['Api', 'Nope'] }, ctx()), /does not support attribute type Nope/);
});

test('Sub in both forms, with escapes and attributes', () => {
  assert.equal(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${Api}/${Api.RootResourceId}/${!Literal}' }, ctx()),
    'arn:aws:x:eu-west-1:123456789012:abc123/root1/${Literal}');
  assert.equal(resolve({ 'Fn::Sub': ['${Greeting}, ${Env}', { Greeting: { 'Fn::Join': ['', ['hel', 'lo']] } }] }, ctx()), 'hello, prod');
});

test('list functions, conditions, mappings, base64, AZs, imports', () => {
  const c = ctx();
  assert.equal(resolve({ 'Fn::Join': ['-', [{ Ref: 'Env' }, 'x', 1]] }, c), 'prod-x-1');
  assert.equal(resolve({ 'Fn::Select': ['1', { Ref: 'Names' }] }, c), 'b');
  assert.throws(() => resolve({ 'Fn::Select': [5, { Ref: 'Names' }] }, c), /cannot select nonexistent value at index 5/);
  assert.deepEqual(resolve({ 'Fn::Split': [',', 'x,y'] }, c), ['x', 'y']);
  assert.deepEqual(resolve([{ 'Fn::If': ['IsDev', 'dev', { Ref: 'AWS::NoValue' }] }, { 'Fn::If': ['IsProd', 'p', 'd'] }], c), ['p']);
  assert.equal(resolve({ 'Fn::And': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, { 'Fn::Not': [{ Condition: 'IsDev' }] }] }, c), true);
  assert.equal(resolve({ 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': [1, '1'] }] }, c), true);
  assert.equal(resolve({ 'Fn::FindInMap': ['M', { Ref: 'Env' }, 'Size'] }, c), 3);
  assert.throws(() => resolve({ 'Fn::FindInMap': ['M', 'dev', 'Size'] }, c), /Unable to get mapping for M::dev::Size/);
  assert.equal(resolve({ 'Fn::Base64': 'hi' }, c), 'aGk=');
  assert.deepEqual(resolve({ 'Fn::GetAZs': '' }, c), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  assert.equal(resolve({ 'Fn::ImportValue': 'Shared' }, c), 'shared-value');
});

test('language extensions only when declared', () => {
  assert.throws(() => resolve({ 'Fn::Length': [1, 2] }, ctx()), /Encountered unsupported function: Fn::Length/);
  const ext = ctx({ languageExtensions: true });
  assert.equal(resolve({ 'Fn::Length': { Ref: 'Names' } }, ext), 3);
  assert.equal(resolve({ 'Fn::ToJsonString': { a: [{ Ref: 'Env' }] } }, ext), '{"a":["prod"]}');
  assert.throws(() => resolve({ 'Fn::Bogus': 1 }, ctx()), (err: any) => err.code === 'ValidationError' && err.message.startsWith('Template format error: Encountered unsupported function: Fn::Bogus Supported functions are: [Fn::Base64,'));
});

test('Fn::Cidr carves IPv4 and IPv6 blocks', () => {
  assert.deepEqual(cidr('192.168.0.0/24', 6, 5), ['192.168.0.0/27', '192.168.0.32/27', '192.168.0.64/27', '192.168.0.96/27', '192.168.0.128/27', '192.168.0.160/27']);
  assert.deepEqual(cidr('2001:db8::/56', 2, 64), ['2001:db8::/64', '2001:db8:0:1::/64']);
  assert.throws(() => cidr('10.0.0.0/24', 3, 7), /fewer than 3 subnets/);
});
