// Custom resources backed by Lambda functions that really run: the cfn-response module
// (Node.js and Python inline code), a plain fetch PUT, FAILED answers, no answer at all, and
// the request events CloudFormation sends on create, update and delete, and node's https
// module sending to the URL's host and path as aws-cdk-lib's handlers do.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Localgate } from '../src/app.ts';
import { CustomResourceResponses } from '../src/cloudformation/custom-resource-responses.ts';
import { resourceType } from '../src/cloudformation/registry.ts';
import { resourceContext } from './cfn-context.ts';
import { ROLE } from './fixtures/lambda/zips.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const custom = resourceType('Custom::Seed')!;

/** Records each event in EVENTS_DIR, then answers with cfn-response as the event asks. */
const CFN_RESPONSE_HANDLER = `
const fs = require('fs');
const path = require('path');
const response = require('cfn-response');
exports.handler = function (event, context) {
  fs.writeFileSync(path.join(process.env.EVENTS_DIR, event.RequestType + '-' + event.RequestId + '.json'), JSON.stringify(event));
  const props = event.ResourceProperties;
  if (props.Fail === 'yes') return response.send(event, context, response.FAILED, {});
  response.send(event, context, response.SUCCESS, { Greeting: 'hello ' + props.Name, Old: event.OldResourceProperties ? event.OldResourceProperties.Name : 'none' }, 'seed-' + props.Name);
};`;

/** Answers with its own PUT, and returns something else: only the PUT counts. */
const FETCH_HANDLER = `
exports.handler = async (event) => {
  const body = JSON.stringify({
    Status: 'SUCCESS', PhysicalResourceId: 'fetched-' + event.LogicalResourceId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: { Count: event.ResourceProperties.Count },
  });
  const res = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  return { Status: 'FAILED', put: res.status };
};`;

/** Answers as aws-cdk-lib's handlers do: node's https module with the URL's hostname and path
 * only (so port 443, as the presigned S3 URL on AWS). */
const HTTPS_HANDLER = `
const https = require('https');
exports.handler = (event, context, callback) => {
  const body = JSON.stringify({
    Status: 'SUCCESS', PhysicalResourceId: 'https-' + event.LogicalResourceId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: { Port: new URL(event.ResponseURL).port },
  });
  const url = require('url').parse(event.ResponseURL);
  const req = https.request({ hostname: url.hostname, path: url.path, method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => callback(null, res.statusCode));
  });
  req.on('error', callback);
  req.end(body);
};`;

const SILENT_HANDLER = `exports.handler = async () => ({ Status: 'SUCCESS', PhysicalResourceId: 'returned-not-sent' });`;

const PYTHON_HANDLER = `
import cfnresponse

def handler(event, context):
    cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Upper": event["ResourceProperties"]["Name"].upper()}, "py-" + event["ResourceProperties"]["Name"])
`;

describe('custom resources backed by Lambda', () => {
  let app: Localgate;
  let eventsDir: string;
  const tokens: Record<string, string> = {};
  before(async () => {
    app = await startTestServer();
    eventsDir = mkdtempSync(join(tmpdir(), 'localgate-cfn-events-'));
    const fn = resourceType('AWS::Lambda::Function')!;
    const make = async (logicalId: string, runtime: string, source: string, handler = 'index.handler') => {
      const created = await fn.create(
        { Runtime: runtime, Handler: handler, Role: ROLE, Environment: { Variables: { EVENTS_DIR: eventsDir } }, Code: { ZipFile: source } },
        resourceContext(app, logicalId),
      );
      tokens[logicalId] = created.attributes.Arn as string;
    };
    await make('CfnResponse', 'nodejs20.x', CFN_RESPONSE_HANDLER);
    await make('Fetch', 'nodejs20.x', FETCH_HANDLER);
    await make('Https', 'nodejs20.x', HTTPS_HANDLER);
    await make('Silent', 'nodejs20.x', SILENT_HANDLER);
    await make('Python', 'python3.12', PYTHON_HANDLER);
  });
  after(async () => {
    await app.close();
    rmSync(eventsDir, { recursive: true, force: true });
  });

  const events = (type: string) =>
    readdirSync(eventsDir)
      .filter((f) => f.startsWith(`${type}-`))
      .map((f) => JSON.parse(readFileSync(join(eventsDir, f), 'utf8')));

  it('creates, updates and deletes through cfn-response, with the request events CloudFormation sends', async () => {
    const ctx = resourceContext(app, 'Seed', 'seed-stack', 'Custom::Seed');
    const props = { ServiceToken: tokens.CfnResponse, Name: 'one', Count: 3, Nested: { On: true, List: [1, 'a'] } };
    const created = await custom.create(props, ctx);
    assert.deepEqual(created, { physicalId: 'seed-one', attributes: { Greeting: 'hello one', Old: 'none' } });

    const [create] = events('Create');
    assert.equal(create.RequestType, 'Create');
    assert.equal(create.ServiceToken, tokens.CfnResponse);
    assert.match(create.ResponseURL, new RegExp(`^${app.url}/_localgate/cloudformation/custom-resource-response/[0-9a-f-]{36}$`));
    assert.equal(create.StackId, ctx.stackId);
    assert.match(create.RequestId, /^[0-9a-f-]{36}$/);
    assert.equal(create.LogicalResourceId, 'Seed');
    assert.equal(create.ResourceType, 'Custom::Seed');
    assert.equal('PhysicalResourceId' in create, false);
    assert.equal('OldResourceProperties' in create, false);
    // Scalars reach the function as strings, as CloudFormation sends them.
    assert.deepEqual(create.ResourceProperties, { ServiceToken: tokens.CfnResponse, Name: 'one', Count: '3', Nested: { On: 'true', List: ['1', 'a'] } });

    const newProps = { ...props, Name: 'two' };
    const updated = await custom.update!(created.physicalId, props, newProps, ctx, created);
    assert.deepEqual(updated, { physicalId: 'seed-two', attributes: { Greeting: 'hello two', Old: 'one' } });
    const [update] = events('Update');
    assert.equal(update.PhysicalResourceId, 'seed-one');
    assert.equal(update.ResourceProperties.Name, 'two');
    assert.equal(update.OldResourceProperties.Name, 'one');

    await custom.delete(updated.physicalId, newProps, ctx, updated);
    const [del] = events('Delete');
    assert.equal(del.PhysicalResourceId, 'seed-two');
    assert.equal(del.ResourceProperties.Name, 'two');
    assert.equal('OldResourceProperties' in del, false);
  });

  it('accepts a response PUT with fetch; what the function returns does not count', async () => {
    const created = await custom.create({ ServiceToken: tokens.Fetch, Count: 7 }, resourceContext(app, 'Fetched'));
    assert.deepEqual(created, { physicalId: 'fetched-Fetched', attributes: { Count: '7' } });
  });

  it("accepts a response PUT with node's https module to the URL's host and path, as aws-cdk-lib's handlers send it", async () => {
    const created = await custom.create({ ServiceToken: tokens.Https, ServiceTimeout: '60' }, resourceContext(app, 'Secure'));
    assert.deepEqual(created, { physicalId: 'https-Secure', attributes: { Port: new URL(app.url).port } });
  });

  it('runs a Python function answering with cfnresponse', async () => {
    const created = await custom.create({ ServiceToken: tokens.Python, Name: 'snake' }, resourceContext(app, 'Py'));
    assert.deepEqual(created, { physicalId: 'py-snake', attributes: { Upper: 'SNAKE' } });
  });

  it('fails the resource with CloudFormation\'s reason when the function answers FAILED', async () => {
    await assert.rejects(
      custom.create({ ServiceToken: tokens.CfnResponse, Name: 'x', Fail: 'yes' }, resourceContext(app, 'Failing')),
      /^Error: Received response status \[FAILED\] from custom resource\. Message returned: See the details in CloudWatch Log Stream: \S+ \(RequestId: [0-9a-f-]{36}\)$/,
    );
  });

  it('fails the resource when no response arrives within ServiceTimeout', async () => {
    await assert.rejects(
      custom.create({ ServiceToken: tokens.Silent, ServiceTimeout: '1' }, resourceContext(app, 'Silent')),
      /^Error: CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[0-9a-f-]{36}\]\. If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version\.$/,
    );
  });

  it('refuses a missing function, a non-Lambda token and a bad ServiceTimeout', async () => {
    const missing = 'arn:aws:lambda:us-east-1:000000000000:function:nope';
    await assert.rejects(custom.create({ ServiceToken: missing }, resourceContext(app, 'Missing')), { code: 'ResourceNotFoundException' });
    await assert.rejects(custom.create({ ServiceToken: 'arn:aws:sns:us-east-1:000000000000:topic' }, resourceContext(app, 'Sns')), /Lambda function ARN/);
    await assert.rejects(custom.create({ ServiceToken: tokens.Fetch, ServiceTimeout: 0 }, resourceContext(app, 'Zero')), /ServiceTimeout must be an integer from 1 to 3600/);
  });

  it('answers responses for unknown tokens with 404 and other methods with 405', async () => {
    const url = `${app.url}/_localgate/cloudformation/custom-resource-response/00000000-0000-0000-0000-000000000000`;
    assert.equal((await fetch(url, { method: 'PUT', body: '{}' })).status, 404);
    assert.equal((await fetch(url)).status, 405);
  });

  it('fails the resource on a response that is not JSON, has no valid Status, or is over 4096 bytes', async () => {
    const responses = CustomResourceResponses.of(app.url)!;
    const cases: Array<[string, RegExp]> = [
      ['not json', /^Invalid response object: the response is not valid JSON$/],
      [JSON.stringify({ Status: 'OK' }), /^Invalid response object: Status must be SUCCESS or FAILED \(was "OK"\)$/],
      [JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'x', Data: { big: 'x'.repeat(5000) } }), /^Response object is too long\.$/],
    ];
    for (const [body, reason] of cases) {
      const { responseUrl, response } = responses.expect(app.url, 'request-1', 5000);
      const put = await fetch(responseUrl, { method: 'PUT', body });
      await put.arrayBuffer();
      await assert.rejects(response, { message: reason });
      // The answer is used up: the URL no longer waits.
      assert.equal((await fetch(responseUrl, { method: 'PUT', body: '{}' })).status, 404);
    }
  });
});

// Found deploying aws-cdk-examples api-gateway-lambda-token-authorizer: a custom resource whose
// answer never arrives kept `localgate start` from stopping on SIGTERM for the hour a custom
// resource may wait (the CloudFormation service waited for the stack operation first).
describe('stopping localgate while a custom resource waits for its answer', () => {
  it('ends the wait, and a rollback waits for no new answer', { timeout: 60_000 }, async () => {
    const app = await startTestServer();
    const { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand } = await import('@aws-sdk/client-cloudformation');
    const cfn = new CloudFormationClient(clientConfig(app));
    const template = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: SILENT_HANDLER } } },
        Waits: { Type: 'Custom::Waits', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
      },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'waits', TemplateBody: JSON.stringify(template) }));
    for (;;) {
      const { StackResources = [] } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'waits' }));
      if (StackResources.some((r) => r.LogicalResourceId === 'Waits' && r.ResourceStatus === 'CREATE_IN_PROGRESS')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    cfn.destroy();
    await app.close(); // before the fix, this waited for the custom resource's hour
  });
});

describe('CustomResourceResponses after shutdown', () => {
  it('rejects a wait that starts after shutdown at once', async () => {
    const responses = new CustomResourceResponses(3_600_000);
    const before = responses.expect('http://x', 'r1');
    responses.shutdown();
    await assert.rejects(before.response, /localgate stopped while the custom resource waited for its response/);
    await assert.rejects(responses.expect('http://x', 'r2').response, /localgate stopped while the custom resource waited for its response/);
  });
});
