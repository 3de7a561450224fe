// Lambda invocations as recorded on AWS, checked with the SDK: each block names the recording
// (localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json, aws-validated).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAliasCommand, InvokeCommand, LambdaClient, PublishVersionCommand, UpdateAliasCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import { createFunction, invokeJson, makeZip } from './fixtures/lambda/zips.ts';

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

  // test_lambda.snapshot.json#TestLambdaFeatures::test_lambda_with_context: a Node.js context as
  // JSON carries these keys, memoryLimitInMB as a string, and the ClientContext decoded.
  it('gives a Node.js handler the context Lambda gives, with the client context decoded', async () => {
    await createFunction(client, 'node-context', { 'index.js': 'exports.handler = async (event, context) => ({ context: JSON.parse(JSON.stringify(context)) });' });
    const clientContext = { custom: { foo: 'bar' }, client: { snap: ['crackle', 'pop'] }, env: { fizz: 'buzz' } };
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'node-context', Payload: Buffer.from('{}'), ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64') }),
    );
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    const { context } = JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
    assert.match(context.logStreamName, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.deepEqual(context, {
      callbackWaitsForEmptyEventLoop: true,
      functionVersion: '$LATEST',
      functionName: 'node-context',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/node-context',
      logStreamName: context.logStreamName,
      clientContext,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:node-context',
      awsRequestId: out.$metadata.requestId,
    });
  });

  // test_lambda.snapshot.json#TestLambdaFeatures::test_invocation_with_qualifier: invoking version
  // 1 runs it (ExecutedVersion "1"), the Python context names the qualified ARN, and the tail
  // starts "START RequestId: <id> Version: 1" followed by what print() wrote.
  it('runs the version a qualifier names and says so in the context and the log', async () => {
    const handler = [
      'def handler(event, context):',
      '    print("Lambda log message - print function")',
      '    names = ["invoked_function_arn", "function_version", "function_name", "memory_limit_in_mb", "aws_request_id", "log_group_name", "log_stream_name", "client_context"]',
      '    return {"event": event, "context": {name: getattr(context, name) for name in names}}',
      '',
    ].join('\n');
    await createFunction(client, 'qualified', { 'handler.py': handler }, { Runtime: 'python3.12', Handler: 'handler.handler', Publish: true });
    const event = { foo: 'bar with \'quotes"' };
    const { out, json } = await invokeJson(client, 'qualified', event, { Qualifier: '1', LogType: 'Tail' });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '1');
    const id = out.$metadata.requestId!;
    assert.match(json.context.log_stream_name, /^\d{4}\/\d\d\/\d\d\/\[1\][0-9a-f]{32}$/);
    assert.deepEqual(json, {
      event,
      context: {
        invoked_function_arn: 'arn:aws:lambda:us-east-1:000000000000:function:qualified:1',
        function_version: '1',
        function_name: 'qualified',
        memory_limit_in_mb: '128',
        aws_request_id: id,
        log_group_name: '/aws/lambda/qualified',
        log_stream_name: json.context.log_stream_name,
        client_context: null,
      },
    });
    const lines = logLines(out.LogResult);
    assert.deepEqual(lines.slice(0, 2), [`START RequestId: ${id} Version: 1\n`, 'Lambda log message - print function\n']);
  });

  // test_lambda.snapshot.json#TestLambdaFeatures::test_invocation_type_event and
  // test_invocation_type_dry_run: 202 and 204, each with an empty payload.
  it('answers Event with 202 and DryRun with 204, both with an empty payload', async () => {
    await createFunction(client, 'types', NODE_ECHO);
    for (const [InvocationType, status] of [['Event', 202], ['DryRun', 204]] as const) {
      const out = await client.send(new InvokeCommand({ FunctionName: 'types', InvocationType, Payload: Buffer.from('{}') }));
      assert.equal(out.StatusCode, status, InvocationType);
      assert.equal(Buffer.from(out.Payload ?? []).toString('utf8'), '', InvocationType);
      assert.equal(out.ExecutedVersion, undefined, InvocationType);
    }
  });

  // test_lambda.snapshot.json#TestLambdaAliases::test_lambda_alias_moving: through an alias the
  // context names the alias ARN and the version it points at; moving the alias moves the calls.
  it('invokes the version an alias points at, and follows the alias when it moves', async () => {
    const code = (id: string) => ({
      'handler.py': `def handler(event, context):\n    return {"version_id": "${id}", "invoked_arn": context.invoked_function_arn, "version_from_ctx": context.function_version}\n`,
    });
    await createFunction(client, 'moving', code('version1'), { Runtime: 'python3.12', Handler: 'handler.handler', Publish: true });
    await client.send(new CreateAliasCommand({ FunctionName: 'moving', Name: 'alias1', FunctionVersion: '1' }));
    const aliasArn = 'arn:aws:lambda:us-east-1:000000000000:function:moving:alias1';
    const first = await invokeJson(client, 'moving', {}, { Qualifier: 'alias1' });
    assert.equal(first.out.ExecutedVersion, '1');
    assert.deepEqual(first.json, { version_id: 'version1', invoked_arn: aliasArn, version_from_ctx: '1' });

    await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'moving', ZipFile: makeZip(code('version2')) }));
    await client.send(new PublishVersionCommand({ FunctionName: 'moving' }));
    assert.deepEqual((await invokeJson(client, 'moving', {}, { Qualifier: 'alias1' })).json, { version_id: 'version1', invoked_arn: aliasArn, version_from_ctx: '1' });
    await client.send(new UpdateAliasCommand({ FunctionName: 'moving', Name: 'alias1', FunctionVersion: '2' }));
    const moved = await invokeJson(client, 'moving', {}, { Qualifier: 'alias1' });
    assert.equal(moved.out.ExecutedVersion, '2');
    assert.deepEqual(moved.json, { version_id: 'version2', invoked_arn: aliasArn, version_from_ctx: '2' });
  });

  // test_lambda_runtimes.snapshot.json#TestNodeJSRuntimes::test_invoke_nodejs_es6_lambda[nodejs20.x]:
  // an ES module handler (.mjs) runs, and its result comes back as it returned it.
  it('runs an ES module handler', async () => {
    const es6 = 'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(`response from localstack lambda: ${JSON.stringify(event)}`) });';
    await createFunction(client, 'es6', { 'lambda_handler_es6.mjs': es6 }, { Handler: 'lambda_handler_es6.handler' });
    const { out, json } = await invokeJson(client, 'es6', { event_type: 'test_lambda' });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.deepEqual(json, { statusCode: 200, body: '"response from localstack lambda: {\\"event_type\\":\\"test_lambda\\"}"' });
  });

  // test_lambda_common.snapshot.json#TestLambdaRuntimesCommon::test_introspection_invoke[nodejs*]:
  // the variables Lambda sets for a function, and the context's ARN gaining ":$LATEST" when
  // the call names that qualifier. (LAMBDA_TASK_ROOT and the X-Ray variables are not compared:
  // localgate unpacks code elsewhere than /var/task and has no X-Ray daemon.)
  it('sets the environment variables Lambda sets', async () => {
    const code = 'exports.handler = async (event, context) => ({ ctx: { function_version: context.functionVersion, invoked_function_arn: context.invokedFunctionArn, log_stream_name: context.logStreamName }, environment: process.env });';
    await createFunction(client, 'introspect', { 'index.js': code }, { MemorySize: 1024, Environment: { Variables: { TEST_KEY: 'TEST_VAL' } } });
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:introspect';
    for (const [qualifier, invoked] of [[undefined, arn], ['$LATEST', `${arn}:$LATEST`]] as const) {
      const { json } = await invokeJson(client, 'introspect', {}, qualifier ? { Qualifier: qualifier } : {});
      assert.deepEqual(json.ctx, { function_version: '$LATEST', invoked_function_arn: invoked, log_stream_name: json.environment.AWS_LAMBDA_LOG_STREAM_NAME });
      const expected: Record<string, string> = {
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
        AWS_LAMBDA_FUNCTION_NAME: 'introspect',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/introspect',
        AWS_REGION: 'us-east-1',
        LANG: 'en_US.UTF-8',
        TEST_KEY: 'TEST_VAL',
        TZ: ':UTC',
        _HANDLER: 'index.handler',
      };
      for (const [name, value] of Object.entries(expected)) assert.equal(json.environment[name], value, name);
      assert.match(json.environment.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      assert.match(json.environment.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+$/);
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', '_X_AMZN_TRACE_ID']) assert.ok(json.environment[name], name);
    }
  });

  // test_lambda_common.snapshot.json#TestLambdaRuntimesCommon::test_uncaught_exception_invoke
  // [nodejs20.x] and [python3.12]: an uncaught error is FunctionError "Unhandled" with status 200
  // and each runtime's own error document.
  it('answers an uncaught error with each runtime\'s error document', async () => {
    await createFunction(client, 'throws-node', { 'index.js': 'exports.handler = async (event) => { throw new Error(`Error: ${event.error_msg}`); };' });
    await createFunction(client, 'throws-python', { 'handler.py': 'def handler(event, context):\n    raise Exception(f"Failed: {event[\'error_msg\']}")\n' }, {
      Runtime: 'python3.12',
      Handler: 'handler.handler',
    });
    const node = await invokeJson(client, 'throws-node', { error_msg: 'some_error_msg' });
    assert.equal(node.out.StatusCode, 200);
    assert.equal(node.out.FunctionError, 'Unhandled');
    assert.equal(node.out.ExecutedVersion, '$LATEST');
    assert.deepEqual(Object.keys(node.json), ['errorType', 'errorMessage', 'trace']);
    assert.equal(node.json.errorType, 'Error');
    assert.equal(node.json.errorMessage, 'Error: some_error_msg');
    assert.ok(Array.isArray(node.json.trace) && node.json.trace[0] === 'Error: Error: some_error_msg');

    const python = await invokeJson(client, 'throws-python', { error_msg: 'some_error_msg' });
    assert.equal(python.out.StatusCode, 200);
    assert.equal(python.out.FunctionError, 'Unhandled');
    assert.deepEqual(Object.keys(python.json), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.equal(python.json.errorMessage, 'Failed: some_error_msg');
    assert.equal(python.json.errorType, 'Exception');
    assert.equal(python.json.requestId, python.out.$metadata.requestId);
    assert.ok(Array.isArray(python.json.stackTrace) && python.json.stackTrace.length > 0);
  });
});
