// The asynchronous event runner with fake dependencies: what happens to a failed event's
// dead-letter queue, which localgate (serving no SQS or SNS) reports as not sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncRunner, type AsyncEvent } from './async.ts';
import type { LambdaFunction, VersionRecord } from './store.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fn';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:dlq';

/** Runs one event to its end (every attempt failing unless `succeeds`) and answers the log. */
async function runEvent(deadLetter: string | undefined, succeeds = false): Promise<string[]> {
  const lines: string[] = [];
  const fn = { name: 'fn', arn: ARN, eventInvokeConfigs: new Map([['$LATEST', { MaximumRetryAttempts: 1 }]]) } as unknown as LambdaFunction;
  const record = { config: { FunctionName: 'fn', DeadLetterConfig: deadLetter ? { TargetArn: deadLetter } : undefined } } as unknown as VersionRecord;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const runner = new AsyncRunner(
    {
      run: async () => {
        return { payload: Buffer.from('{}'), functionError: succeeds ? undefined : 'Unhandled', log: '', logStream: 's' };
      },
      throttled: () => false,
      exists: () => true,
      invoke: async () => undefined,
      log: (line) => {
        lines.push(line);
        if (/NOT sent|retries exhausted/.test(line) && (!deadLetter || line.includes('NOT sent'))) done();
      },
    },
    { schedule: { retryDelaysMs: [1], throttleBaseMs: 1, throttleMaxMs: 1 } },
  );
  const event: AsyncEvent = { fn, qualifier: '$LATEST', target: { record, version: '$LATEST', invokedArn: ARN }, payload: Buffer.from('{}'), requestId: 'req-1' };
  runner.enqueue(event);
  if (succeeds) await new Promise((r) => setTimeout(r, 50));
  else await finished;
  runner.shutdown();
  return lines;
}

test('a failed event whose retries are exhausted is reported as not sent to its SQS dead-letter queue', async () => {
  const lines = await runEvent(QUEUE);
  assert.deepEqual(lines.filter((l) => l.includes('dead-letter')), [`[lambda:fn] event req-1 NOT sent to its dead-letter queue ${QUEUE}: localgate does not serve sqs`]);
});

test('without a dead-letter queue, or when the event succeeds, nothing is said of one', async () => {
  assert.deepEqual((await runEvent(undefined)).filter((l) => l.includes('dead-letter')), []);
  assert.deepEqual((await runEvent(QUEUE, true)).filter((l) => l.includes('dead-letter')), []);
});
