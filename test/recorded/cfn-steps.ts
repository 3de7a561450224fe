// The CloudFormation side of the recorded-on-AWS corpus: one localgate per file, stacks
// deployed and updated through its CloudFormation API with the SDK, their outputs and
// physical ids, and the API Gateway control plane read back as JSON.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Capability,
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import type { Localgate } from '../../src/app.ts';
import { ROLE } from '../fixtures/lambda/zips.ts';
import { clientConfig, fakeAuth, startTestServer } from '../helpers.ts';

export const ACCOUNT = '000000000000';
const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'];
const waiter = (client: CloudFormationClient) => ({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 1 });

/** A Lambda function with inline code, for templates. */
export const fn = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: 'exports.handler = async (e) => e;' } } };

/** The tags CloudFormation puts on what it creates, as read back. */
export const stackTags = (stack: string, logicalId: string) => ({
  'aws:cloudformation:logical-id': logicalId,
  'aws:cloudformation:stack-id': new RegExp(`^arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${stack}/[0-9a-f-]{36}$`),
  'aws:cloudformation:stack-name': stack,
});

/** Starts a localgate for the calling file's tests (before/after) and answers its helpers. */
export function cfnServer() {
  let app: Localgate;
  let cfn: CloudFormationClient;
  before(async () => {
    app = await startTestServer();
    cfn = new CloudFormationClient(clientConfig(app));
  });
  after(async () => {
    cfn.destroy();
    await app.close();
  });
  return {
    get app() {
      return app;
    },
    /** Creates the stack, waits for it, and answers its outputs and its resources' physical ids. */
    async deploy(name: string, template: unknown) {
      await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Capabilities: CAPABILITIES }));
      await waitUntilStackCreateComplete(waiter(cfn), { StackName: name });
      const [stack] = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks!;
      const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
      const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: name }))).StackResources!;
      const physical = Object.fromEntries(resources.map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
      return { outputs, physical };
    },
    /** Updates the stack to the template and waits for it. */
    async update(name: string, template: unknown) {
      await cfn.send(new UpdateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Capabilities: CAPABILITIES }));
      await waitUntilStackUpdateComplete(waiter(cfn), { StackName: name });
    },
    /** GET on the API Gateway control plane, as JSON. */
    async apigateway(path: string): Promise<unknown> {
      const res = await fetch(app.url + path, { headers: { authorization: fakeAuth('apigateway') } });
      assert.equal(res.status, 200, path);
      return res.json();
    },
  };
}
