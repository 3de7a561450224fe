// Lambda invocations as recorded on AWS, checked with the SDK: each block names the recording
// (localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json, aws-validated).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import { createFunction, invokeJson } from './fixtures/lambda/zips.ts';

const NODE_ECHO = { 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return event; };' };
const PYTHON_ECHO = { 'handler.py': 'import json\ndef handler(event, context):\n    print(json.dumps(event))\n    return event\n' };

/** The lines of an invocation's LogResult (the tail of its log, base64). */
const logLines = (logResult: string | undefined) => Buffer.from(logResult ?? '', 'base64').toString('utf8').split(/(?<=\n)/);

/** START, END and REPORT as Lambda writes them; a first invocation's REPORT has an Init Duration. */
function assertFrame(lines: string[], requestId: string, cold: boolean) {
  assert.equal(lines[0], `START RequestId: ${requestId} Version: $LATEST\n`);
  assert.equal(lines.at(-2), `END RequestId: ${requestId}\n`);
  const init = cold ? '\tInit Duration: \\d+\\.\\d{2} ms' : '';
  assert.match(
    lines.at(-1)!,
    new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB${init}\\t\\n$`),
  );
}

describe('lambda invocations as recorded on AWS (SDK)', () => {
  let client: LambdaClient;
  useClient((server) => new LambdaClient(clientConfig(server)), (_server, sdk) => {
    client = sdk;
  });

  // test_lambda.snapshot.json#TestLambdaFeatures::test_invocation_with_logs[nodejs16.x]: the
  // tail holds START, the console line as "<date>\t<request id>\tINFO\t{}", END and REPORT.
  it('returns the log tail of a Node.js invocation in the runtime\'s format', async () => {
    await createFunction(client, 'logs-node', NODE_ECHO);
    const { out, json } = await invokeJson(client, 'logs-node', {}, { LogType: 'Tail' });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.FunctionError, undefined);
    assert.deepEqual(json, {});
    const id = out.$metadata.requestId!;
    const lines = logLines(out.LogResult);
    assert.equal(lines.length, 4);
    assert.match(lines[1], new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${id}\\tINFO\\t\\{\\}\\n$`));
    assertFrame(lines, id, true);
  });

  // test_lambda.snapshot.json#TestLambdaFeatures::test_invocation_with_logs[python3.10]: Python's
  // print() is written as it is, "{}\n".
  it('returns the log tail of a Python invocation with print() output as written', async () => {
    await createFunction(client, 'logs-python', PYTHON_ECHO, { Runtime: 'python3.12', Handler: 'handler.handler' });
    const { out, json } = await invokeJson(client, 'logs-python', {}, { LogType: 'Tail' });
    assert.equal(out.StatusCode, 200);
    assert.deepEqual(json, {});
    const lines = logLines(out.LogResult);
    assert.equal(lines.length, 4);
    assert.equal(lines[1], '{}\n');
    assertFrame(lines, out.$metadata.requestId!, true);
  });

  // test_lambda.snapshot.json#TestLambdaBehavior::test_lambda_cache_local[nodejs] and [python]:
  // a warm environment keeps module state, so a counter outside the handler goes 0, then 1.
  it('keeps module state between invocations of a warm environment (Node.js and Python)', async () => {
    await createFunction(client, 'cache-node', { 'index.js': 'let counter = 0;\nexports.handler = async () => ({ counter: counter++ });' });
    await createFunction(client, 'cache-python', { 'handler.py': 'counter = 0\ndef handler(event, context):\n    global counter\n    result = {"counter": counter}\n    counter += 1\n    return result\n' }, {
      Runtime: 'python3.12',
      Handler: 'handler.handler',
    });
    for (const name of ['cache-node', 'cache-python']) {
      assert.deepEqual((await invokeJson(client, name)).json, { counter: 0 }, name);
      assert.deepEqual((await invokeJson(client, name)).json, { counter: 1 }, name);
    }
  });

  // test_lambda.snapshot.json#TestLambdaBehavior::test_lambda_invoke_no_timeout: a handler that
  // returns nothing answers the payload "null" with status 200.
  it('answers "null" for a handler that returns nothing', async () => {
    await createFunction(client, 'returns-none', { 'handler.py': 'def handler(event, context):\n    return None\n' }, { Runtime: 'python3.12', Handler: 'handler.handler' });
    await createFunction(client, 'returns-undefined', { 'index.js': 'exports.handler = async () => {};' });
    for (const name of ['returns-none', 'returns-undefined']) {
      const { out, text } = await invokeJson(client, name);
      assert.equal(out.StatusCode, 200, name);
      assert.equal(out.FunctionError, undefined, name);
      assert.equal(text, 'null', name);
    }
  });
});
