// What public sample projects (aws-samples/serverless-patterns, serverless/examples,
// aws-cdk-examples, the SAM CLI's templates) rely on when deployed as their READMEs say,
// reproduced with our own minimal projects: each case names the sample that showed it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startLocalgate, type LocalgateInstance } from '../src/api.ts';

let lg: LocalgateInstance;
let scratch: string;
before(async () => {
  lg = await startLocalgate();
  scratch = mkdtempSync(join(tmpdir(), 'localgate-samples-'));
});
after(async () => {
  await lg.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Writes a project's files (path -> content) into a fresh folder; answers the folder. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const echoHandler = `exports.handler = async (event, context) => ({
  statusCode: 200,
  body: JSON.stringify({ functionName: context.functionName, method: event.requestContext.http.method, rawPath: event.rawPath, queryString: event.queryStringParameters, body: event.body }),
});`;

describe('sample projects: SAM', () => {
  // aws-samples/serverless-patterns apigw-http-api-lambda: the code directory is named once in
  // Globals (`sam deploy` packages it), and a quick-create HTTP API targets the function's
  // invocation URI rather than its ARN.
  it('deploys Globals.Function.CodeUri and a quick-create Target written as an invocation URI', async () => {
    const dir = project('globals-quick-create', {
      'src/app.js': echoHandler,
      'template.yml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    CodeUri: ./src
    Runtime: nodejs20.x
Resources:
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: quick
      ProtocolType: HTTP
      Target: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${Fn}/invocations
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: quick-function
      Handler: app.handler
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      FunctionName: !Ref Fn
      SourceArn: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${HttpApi}/*
Outputs:
  HttpApiEndpoint:
    Value: !GetAtt HttpApi.ApiEndpoint
`,
    });
    const [stack] = await lg.deploy(join(dir, 'template.yml'), { stackName: 'globals-quick-create' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const [api] = stack.apis;
    assert.equal(api.stage, '$default');
    const res = await fetch(`${api.url}path1/path2?foo=bar`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"key1":"value1"}' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { functionName: 'quick-function', method: 'POST', rawPath: '/path1/path2', queryString: { foo: 'bar' }, body: '{"key1":"value1"}' });
  });

  // aws-samples/serverless-patterns apigw-websocket-api-lambda: a DynamoDB table localgate does
  // not serve; deployed with --skip-unsupported, its outputs reading the table's Arn are left
  // out and the WebSocket API is served.
  it('leaves out an output that reads an attribute of a resource skipped as unsupported', async () => {
    const dir = project('skipped-output', {
      'template.yml': `Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      BillingMode: PAY_PER_REQUEST
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: skipped-output
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
Outputs:
  TableArn:
    Value: !GetAtt Table.Arn
  ApiId:
    Value: !Ref Api
`,
    });
    await assert.rejects(lg.deploy(join(dir, 'template.yml'), { stackName: 'skipped-output-strict' }), /ROLLBACK_COMPLETE/);
    const [stack] = await lg.deploy(join(dir, 'template.yml'), { stackName: 'skipped-output', skipUnsupported: true });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    assert.deepEqual(Object.keys(stack.outputs), ['ApiId']);
  });
});
