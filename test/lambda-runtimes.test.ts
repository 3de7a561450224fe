// Lambda runtimes other than Node.js, and faults: Python handlers, a `provided` runtime
// whose bootstrap is a shell script talking to the Runtime API, timeouts and crashes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import { BOOTSTRAP, createFunction, invokeJson } from './fixtures/lambda/zips.ts';

const PY = `
import os
count = 0
def handler(event, context):
    global count
    count += 1
    print("python got", event)
    return {"count": count, "event": event, "name": context.function_name, "requestId": context.aws_request_id,
            "remaining": context.get_remaining_time_in_millis() > 0, "arn": context.invoked_function_arn,
            "region": os.environ["AWS_REGION"], "pid": os.getpid(), "flag": os.environ.get("FLAG")}

def fail(event, context):
    raise ValueError("bad value")
`;

// A custom runtime in plain sh: reads the request id from the headers and echoes the event.

describe('lambda runtimes and faults', () => {
  let client: LambdaClient;
  useClient((server) => new LambdaClient(clientConfig(server)), (_server, sdk) => {
    client = sdk;
  });

  it('runs a Python handler with its context, warm', async () => {
    await createFunction(client, 'py', { 'app.py': PY }, { Runtime: 'python3.12', Handler: 'app.handler', Environment: { Variables: { FLAG: 'on' } } });
    const first = await invokeJson(client, 'py', { k: 'v' }, { LogType: 'Tail' });
    assert.equal(first.out.FunctionError, undefined);
    assert.deepEqual(first.json.event, { k: 'v' });
    assert.equal(first.json.name, 'py');
    assert.equal(first.json.remaining, true);
    assert.equal(first.json.region, 'us-east-1');
    assert.equal(first.json.flag, 'on');
    assert.equal(first.json.arn, 'arn:aws:lambda:us-east-1:000000000000:function:py');
    assert.match(Buffer.from(first.out.LogResult!, 'base64').toString(), /python got {'k': 'v'}/);
    const second = await invokeJson(client, 'py');
    assert.equal(second.json.count, 2);
    assert.equal(second.json.pid, first.json.pid);
  });

  it('reports Python errors with errorType, errorMessage and stackTrace', async () => {
    await createFunction(client, 'pyfail', { 'app.py': PY }, { Runtime: 'python3.11', Handler: 'app.fail' });
    const { out, json } = await invokeJson(client, 'pyfail');
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(json.errorType, 'ValueError');
    assert.equal(json.errorMessage, 'bad value');
    assert.ok(Array.isArray(json.stackTrace) && json.stackTrace.length > 0);
    await createFunction(client, 'pymissing', { 'app.py': PY }, { Runtime: 'python3.11', Handler: 'nothere.handler' });
    const missing = await invokeJson(client, 'pymissing');
    assert.equal(missing.json.errorType, 'Runtime.ImportModuleError');
    assert.equal(missing.json.errorMessage, "Unable to import module 'nothere': No module named 'nothere'");
    await createFunction(client, 'pynohandler', { 'app.py': PY }, { Runtime: 'python3.11', Handler: 'app.nope' });
    const nohandler = await invokeJson(client, 'pynohandler');
    assert.equal(nohandler.json.errorType, 'Runtime.HandlerNotFound');
    assert.equal(nohandler.json.errorMessage, "Handler 'nope' missing on module 'app'");
  });

  it("runs a provided runtime's own bootstrap", async () => {
    await createFunction(client, 'custom', { bootstrap: [BOOTSTRAP, 0o755] }, { Runtime: 'provided.al2023', Handler: 'my.handler' });
    const first = await invokeJson(client, 'custom', { n: 1 });
    assert.deepEqual(first.json, { echo: { n: 1 }, handler: 'my.handler' });
    assert.deepEqual((await invokeJson(client, 'custom', { n: 2 })).json, { echo: { n: 2 }, handler: 'my.handler' });
  });

  it('reports a provided zip without bootstrap as Runtime.InvalidEntrypoint', async () => {
    await createFunction(client, 'noboot', { 'readme.txt': 'x' }, { Runtime: 'provided.al2', Handler: 'x' });
    const { out, json } = await invokeJson(client, 'noboot');
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(json.errorType, 'Runtime.InvalidEntrypoint');
  });

  it('reports a bootstrap without execute permission as Lambda does', async () => {
    // Worded as on AWS (awslabs/aws-lambda-dart-runtime issue 20, a recorded Lambda answer):
    // "RequestId: <id> Error: fork/exec /var/task/bootstrap: permission denied", and the same
    // two lines after REPORT.
    await createFunction(client, 'noexec', { bootstrap: [BOOTSTRAP, 0o644] }, { Runtime: 'provided.al2023', Handler: 'x' });
    const { out, json } = await invokeJson(client, 'noexec', {}, { LogType: 'Tail' });
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(json.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(json.errorMessage, new RegExp(`^RequestId: ${out.$metadata.requestId} Error: fork/exec /\\S+/bootstrap: permission denied$`));
    assert.match(Buffer.from(out.LogResult!, 'base64').toString(), new RegExp(`\\nREPORT [^\\n]+\\n${json.errorMessage.replace(/[./]/g, '\\$&')}\\nRuntime\\.InvalidEntrypoint\\n$`));
  });

  it('kills a function that times out and answers as AWS does; the next invoke starts fresh', async () => {
    await createFunction(
      client,
      'slow',
      { 'index.js': 'let n = 0; exports.handler = async (e) => { n++; if (e.wait) await new Promise(() => {}); return { n, pid: process.pid }; };' },
      { Timeout: 1 },
    );
    const warm = await invokeJson(client, 'slow', {});
    const { out, json } = await invokeJson(client, 'slow', { wait: true }, { LogType: 'Tail' });
    assert.equal(out.FunctionError, 'Unhandled');
    // As Lambda answers today (payloads and REPORT lines captured from AWS in 2025; LocalStack's
    // test_lambda.snapshot.json, test_lambda_invoke_with_timeout): Sandbox.Timedout.
    assert.deepEqual(Object.keys(json), ['errorType', 'errorMessage']);
    assert.equal(json.errorType, 'Sandbox.Timedout');
    assert.match(json.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    assert.match(Buffer.from(out.LogResult!, 'base64').toString(), /\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\t.*\tStatus: timeout\t\n$/);
    const after = await invokeJson(client, 'slow', {});
    assert.equal(after.json.n, 1);
    // In a worker thread (LOCALGATE_LAMBDA_EXECUTOR=worker) the function's pid is localgate's:
    // there the fresh start shows in `n` alone.
    if (process.env.LOCALGATE_LAMBDA_EXECUTOR !== 'worker') {
      assert.notEqual(after.json.pid, warm.json.pid);
      assert.throws(() => process.kill(warm.json.pid, 0));
    }
  });

  it('reports a crash during invoke as Runtime.ExitError and during init as the init error', async () => {
    // After a pause, with the handler's timer pending: process.exit() ends the process at
    // once (nothing of the bootstrap's may hold it up until the timeout).
    await createFunction(client, 'exiter', { 'index.js': 'exports.handler = async () => { await new Promise((r) => setTimeout(r, 300)); process.exit(3); };' }, { Timeout: 30 });
    const exited = await invokeJson(client, 'exiter');
    assert.equal(exited.out.FunctionError, 'Unhandled');
    assert.equal(exited.json.errorType, 'Runtime.ExitError');
    assert.match(exited.json.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3$/);
    await createFunction(client, 'initcrash', { 'index.js': 'throw new TypeError("init broke");\nexports.handler = async () => 1;' });
    const init = await invokeJson(client, 'initcrash');
    assert.equal(init.out.FunctionError, 'Unhandled');
    assert.equal(init.json.errorType, 'TypeError');
    assert.equal(init.json.errorMessage, 'init broke');
    await createFunction(client, 'initexit', { 'index.js': 'process.exit(2);' });
    const initExit = await invokeJson(client, 'initexit');
    assert.equal(initExit.json.errorType, 'Runtime.ExitError');
    // The server is still fine.
    assert.equal((await invokeJson(client, 'py', { again: 1 })).out.StatusCode, 200);
  });
});
