import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate, validateSections } from './template.ts';

const rejects = (fn: () => unknown, message: string) =>
  assert.throws(fn, (err: any) => err.code === 'ValidationError' && err.message === message);

test('YAML short forms become the long forms', () => {
  const t = parseTemplate(`
Resources:
  A:
    Type: T::A
    Properties:
      Name: !Ref P
      Arn: !GetAtt B.Arn
      Nested: !GetAtt [B, Outputs.Url]
      Url: !Sub 'https://\${Api}.example'
      List: !Join [',', [!Ref P, !Select [0, !GetAZs '']]]
      Flag: !If [C, !Base64 x, !Ref 'AWS::NoValue']
      Cond: !And [!Equals [a, b], !Not [!Condition D]]
      Alias: &x { k: v }
      Again: *x
      Version: 2010-09-09
`);
  assert.deepEqual(t.Resources.A.Properties, {
    Name: { Ref: 'P' },
    Arn: { 'Fn::GetAtt': ['B', 'Arn'] },
    Nested: { 'Fn::GetAtt': ['B', 'Outputs.Url'] },
    Url: { 'Fn::Sub': 'https://${Api}.example' },
    List: { 'Fn::Join': [',', [{ Ref: 'P' }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]] },
    Flag: { 'Fn::If': ['C', { 'Fn::Base64': 'x' }, { Ref: 'AWS::NoValue' }] },
    Cond: { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ Condition: 'D' }] }] },
    Alias: { k: 'v' },
    Again: { k: 'v' },
    Version: '2010-09-09',
  });
});

test('syntax errors name the line and column', () => {
  rejects(() => parseTemplate('Resources:\n  A: [\n'), 'Template format error: YAML not well-formed. (line 3, column 1)');
  rejects(() => parseTemplate('{"Resources": }'), 'Template format error: JSON not well-formed. (line 1, column 16)');
  rejects(() => parseTemplate('Resources:\n  A: !Bogus x\n'), 'Template format error: YAML not well-formed. Unknown tag !Bogus');
});

test('section checks', () => {
  rejects(() => validateSections({ Resources: { A: { Type: 'X' } }, Foo: 1 }), 'Template format error: Invalid template property or properties [Foo]');
  rejects(() => validateSections({ Resources: {} }), 'Template format error: At least one Resources member must be defined.');
  rejects(() => validateSections({ Resources: { A: { Properties: {} } } }), 'Template format error: [/Resources/A] Every Resources object must contain a Type member.');
  rejects(() => validateSections({ AWSTemplateFormatVersion: '2011-01-01', Resources: { A: { Type: 'X' } } }), 'Template format error: Unsupported template format version 2011-01-01');
  rejects(() => validateSections({ Resources: { A: { Type: 'X' } }, Outputs: { O: { Description: 'd' } } }), 'Template format error: Every Outputs member must contain a Value object');
  validateSections({ AWSTemplateFormatVersion: '2010-09-09', Resources: { A: { Type: 'X' } } });
});
