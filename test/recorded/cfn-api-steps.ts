// Helpers for the CloudFormation API corpus (cfn-api*.test.ts): a client on the file's
// localgate, LocalStack's way of deploying (a CREATE change set with every capability, then
// executing it), and errors compared field by field with what AWS answered.
import assert from 'node:assert/strict';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Parameter,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { clientConfig } from '../helpers.ts';
import { ACCOUNT, cfnServer } from './cfn-steps.ts';
import { assertMatches } from './harness.ts';

export const STACK_ARN = (name: string) => new RegExp(`^arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${name}/[0-9a-f-]{36}$`);
export const CHANGE_SET_ARN = (name: string) => new RegExp(`^arn:aws:cloudformation:us-east-1:${ACCOUNT}:changeSet/${name}/[0-9a-f-]{36}$`);
/** A date, as the SDK's Date reads in JSON. */
export const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The capabilities LocalStack's deploy_cfn_template fixture acknowledges. */
const ALL_CAPABILITIES = ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;

/** Starts the file's localgate and answers a CloudFormation client on it, plus LocalStack's deploy flow. */
export function cfnApi() {
  const server = cfnServer();
  let client: CloudFormationClient | undefined;
  const cfn = () => (client ??= new CloudFormationClient(clientConfig(server.app)));
  const waiter = () => ({ client: cfn(), maxWaitTime: 60, minDelay: 1, maxDelay: 1 });
  return {
    server,
    cfn,
    close: () => client?.destroy(),
    waitCreated: (StackName: string) => waitUntilStackCreateComplete(waiter(), { StackName }),
    waitUpdated: (StackName: string) => waitUntilStackUpdateComplete(waiter(), { StackName }),
    waitDeleted: (StackName: string) => waitUntilStackDeleteComplete(waiter(), { StackName }),
    waitChangeSet: (StackName: string, ChangeSetName: string) => waitUntilChangeSetCreateComplete(waiter(), { StackName, ChangeSetName }),
    /** Waits until the stack's operation has ended (whatever its outcome) and answers the stack. */
    async settled(StackName: string) {
      for (;;) {
        const [stack] = (await cfn().send(new DescribeStacksCommand({ StackName }))).Stacks!;
        if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    /** deploy_cfn_template: a CREATE change set with every capability, executed, waited for; answers the stack. */
    async deploy(StackName: string, template: string | object, parameters: Record<string, string> = {}) {
      const TemplateBody = typeof template === 'string' ? template : JSON.stringify(template);
      const Parameters: Parameter[] = Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
      await cfn().send(new CreateChangeSetCommand({ StackName, ChangeSetName: 'init', ChangeSetType: 'CREATE', TemplateBody, Parameters, Capabilities: [...ALL_CAPABILITIES] }));
      await waitUntilChangeSetCreateComplete(waiter(), { StackName, ChangeSetName: 'init' });
      await cfn().send(new ExecuteChangeSetCommand({ StackName, ChangeSetName: 'init' }));
      await waitUntilStackCreateComplete(waiter(), { StackName });
      return (await cfn().send(new DescribeStacksCommand({ StackName }))).Stacks![0];
    },
  };
}

/** The stack description LocalStack's deploy flow leaves, as AWS recorded it (fields beyond these are `extra`). */
export function deployedStack(name: string, extra: Record<string, unknown> = {}) {
  return {
    Capabilities: [...ALL_CAPABILITIES], ChangeSetId: CHANGE_SET_ARN('init'), CreationTime: DATE, DisableRollback: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, EnableTerminationProtection: false, LastUpdatedTime: DATE,
    NotificationARNs: [], RollbackConfiguration: {}, StackId: STACK_ARN(name), StackName: name, StackStatus: 'CREATE_COMPLETE', Tags: [],
    ...extra,
  };
}

/** Compares an SDK answer (without $metadata; dates as ISO text) with what AWS recorded. */
export function matches(actual: unknown, expected: unknown, where: string) {
  const plain = JSON.parse(JSON.stringify(actual, (key, value) => (key === '$metadata' ? undefined : value)));
  assertMatches(plain, expected, where);
}

/** Runs a request AWS refused, and compares the error: wire code, HTTP status and exact message. */
export async function refused(request: Promise<unknown>, code: string, message: string, status = 400) {
  const err = await request.then(
    () => assert.fail(`expected ${code}: ${message}`),
    (e: { Code?: string; message: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
  assert.deepEqual([err.Code, err.$metadata?.httpStatusCode, err.message], [code, status, message]);
}
