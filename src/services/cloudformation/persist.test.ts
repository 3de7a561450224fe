import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { newStack, type StackRecord } from '../../cloudformation/stack.ts';
import { cloudFormationPersistence } from './persist.ts';
import { CloudFormationStore } from './store.ts';

const STACK_ID = 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1';

test('a stack saved while its operation ran comes back failed, its running resources too', () => {
  const saved = new CloudFormationStore();
  const stack = newStack(STACK_ID, 's');
  stack.status = 'CREATE_IN_PROGRESS';
  const resource = { logicalId: 'Fn', type: 'AWS::Lambda::Function', status: 'CREATE_IN_PROGRESS' as const, updated: new Date(), properties: {} };
  stack.resources.set('Fn', resource);
  stack.resources.set('Done', { ...resource, logicalId: 'Done', status: 'CREATE_COMPLETE' });
  saved.scope('000000000000', 'us-east-1').stacks.push(stack);
  // Through the structured clone the state file uses (the running operation is left out).
  const data = deserialize(serialize(cloudFormationPersistence(saved).snapshot()));

  const restored = new CloudFormationStore();
  cloudFormationPersistence(restored).restore(data);
  const back = restored.find('000000000000', 'us-east-1', 's') as StackRecord;
  assert.equal(back.status, 'CREATE_FAILED');
  assert.equal(back.reason, 'localgate stopped while this operation was in progress');
  assert.equal(back.resources.get('Fn')!.status, 'CREATE_FAILED');
  assert.equal(back.resources.get('Done')!.status, 'CREATE_COMPLETE');
  assert.deepEqual(back.events.map((e) => [e.LogicalResourceId, e.ResourceStatus]), [['s', 'CREATE_FAILED'], ['Fn', 'CREATE_FAILED']]);
  assert.ok(back.operation instanceof Promise, 'the next operation can chain on it');
  assert.equal(stack.status, 'CREATE_IN_PROGRESS', 'the saved stack is not touched');
});
