// Waits for a CloudFormation stack operation to end, for the end-to-end stack tests.
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';

/** The stack (by name, or by id once deleted) as soon as no operation is in progress on it. */
export async function stackSettled(cfn: CloudFormationClient, nameOrId: string): Promise<Stack> {
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: nameOrId }))).Stacks![0];
    if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
    await sleep(50);
  }
}
