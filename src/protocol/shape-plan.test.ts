import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from './model.ts';
import { shapePlan } from './shape-plan.ts';

const lambda = loadModel('lambda');

test("Invoke's request binds its members by location and leaves the payload out of the body", () => {
  const plan = shapePlan(lambda.shapes.InvocationRequest);
  assert.deepEqual(
    plan.bound.map((m) => [m.name, m.location, m.header]),
    [
      ['FunctionName', 'uri', 'functionname'],
      ['InvocationType', 'header', 'x-amz-invocation-type'],
      ['LogType', 'header', 'x-amz-log-type'],
      ['ClientContext', 'header', 'x-amz-client-context'],
      ['DurableExecutionName', 'header', 'x-amz-durable-execution-name'],
      ['Qualifier', 'querystring', 'qualifier'],
      ['TenantId', 'header', 'x-amz-tenant-id'],
    ].filter(([name]) => lambda.shapes.InvocationRequest.members![name as string]),
  );
  assert.equal(plan.hasBody, false);
  assert.deepEqual(Object.keys(plan.body), []);
});

test('body members keep the model order; the plan is built once per shape', () => {
  const shape = lambda.shapes.UpdateFunctionConfigurationRequest;
  const plan = shapePlan(shape);
  assert.equal(plan.hasBody, true);
  assert.deepEqual(Object.keys(plan.body), Object.keys(shape.members!).filter((n) => !shape.members![n].location));
  assert.deepEqual([...plan.order.keys()], Object.keys(shape.members!));
  assert.equal(shapePlan(shape), plan);
});
