// Every fixture's expansion is a template the CloudFormation engine accepts: the transform
// runs inside prepareTemplate, and the result has valid sections, intrinsics that name
// existing resources and parameters, and a dependency order covering every resource.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareTemplate, SERVERLESS } from '../../src/cloudformation/prepare.ts';
import { serverlessTransform } from '../../src/cloudformation/transforms/sam/index.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const pseudo = {
  AccountId: '123456789012', Region: 'us-east-1', StackName: 'sam-stack', StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/sam-stack/1',
  Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [],
};

describe('SAM expansions in the CloudFormation engine', () => {
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
    it(name, async () => {
      const body = readFileSync(join(fixtures, name), 'utf8');
      const prepared = await prepareTemplate({ body, pseudo, transforms: { [SERVERLESS]: serverlessTransform } });
      assert.equal(prepared.template.Transform, undefined);
      assert.ok(!Object.values(prepared.template.Resources).some((r: any) => r.Type.startsWith('AWS::Serverless::')));
      assert.deepEqual([...prepared.order].sort(), Object.keys(prepared.template.Resources).sort());
    });
  }

  it('reports a refused SAM template as a ValidationError naming the resource', async () => {
    const body = JSON.stringify({ Transform: SERVERLESS, Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.b', Runtime: 'nodejs20.x' } } } });
    await assert.rejects(prepareTemplate({ body, pseudo, transforms: { [SERVERLESS]: serverlessTransform } }), {
      code: 'ValidationError',
      message: "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [Fn] is invalid. Only one of 'InlineCode' or 'CodeUri' can be set.",
    });
  });
});
