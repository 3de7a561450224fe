// REST API (v1) data plane, third pass: AWS integrations to services localgate does not call
// (DynamoDB, SQS, Kinesis, Step Functions, S3's action form). The recordings exercised them against
// real services; localgate answers what API Gateway answers when it cannot call the
// integration (a configuration error), never a made-up success, and says why in its log.
import { recordedCases, ANY, type RecordedStep } from './harness.ts';
import { call } from './apigateway-steps.ts';

const SNAPSHOTS = 'localstack/localstack tests/aws/services/apigateway';
const API = `${SNAPSHOTS}/test_apigateway_api.snapshot.json`;

const invoke = (method: string, path: string, body?: unknown) => ({ method, path: `/restapis/\${api}/dev/_user_request_${path}`, body });

/** POST / with an AWS integration to `uri`, with a role, deployed to "dev". */
const awsIntegration = (uri: string): RecordedStep[] => [
  { request: call('POST', '/restapis', { name: 'api' }), expect: { status: 201 }, save: { api: 'id', root: 'rootResourceId' } },
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/POST', { authorizationType: 'NONE' }), expect: { status: 201 } },
  {
    request: call('PUT', '/restapis/${api}/resources/${root}/methods/POST/integration', {
      type: 'AWS', integrationHttpMethod: 'POST', uri, credentials: 'arn:aws:iam::000000000000:role/apigw',
      requestTemplates: { 'application/json': '{"TableName": "table"}' },
    }),
    expect: { status: 201 },
  },
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/POST/responses/200', {}), expect: { status: 201 } },
  { request: call('PUT', '/restapis/${api}/resources/${root}/methods/POST/integration/responses/200', {}), expect: { status: 201 } },
  { request: call('POST', '/restapis/${api}/deployments', { stageName: 'dev' }), expect: { status: 201 } },
];

/** API Gateway's answer when it cannot call the integration, as TestInvokeMethod recorded it. */
const configurationError = { status: 500, body: { message: 'Internal server error' }, headers: { 'x-amzn-errortype': 'InternalServerErrorException' } };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const SERVICES: Array<[string, string]> = [
  ['DynamoDB', 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem'],
  ['SQS', 'arn:aws:apigateway:us-east-1:sqs:path/000000000000/queue'],
  ['Kinesis', 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord'],
  ['Step Functions', 'arn:aws:apigateway:us-east-1:states:action/StartExecution'],
  ['S3 (action form)', 'arn:aws:apigateway:us-east-1:s3:action/GetObject'],
];

recordedCases('REST API data plane (third pass)', [
  ...SERVICES.map(([service, uri]) => ({
    name: `An AWS integration to ${service} is a configuration error (500), on the invoke URL and in TestInvokeMethod`,
    source: `${API}#TestApigatewayTestInvoke::test_failed_invoke_test_method (the answer to an integration API Gateway cannot call)`,
    steps: [
      ...awsIntegration(uri),
      { request: invoke('POST', '/', { id: 'test' }), expect: configurationError },
      {
        request: call('POST', '/restapis/${api}/resources/${root}/methods/POST', { body: '{"id": "test"}' }),
        expect: {
          status: 200,
          body: {
            status: 500,
            body: '{"message":"Internal server error"}',
            headers: { 'x-amzn-ErrorType': 'InternalServerErrorException' },
            multiValueHeaders: { 'x-amzn-ErrorType': ['InternalServerErrorException'] },
            latency: ANY,
            // The log's last lines, as recorded; localgate's reason names what it cannot call.
            log: new RegExp(` : Execution failed due to configuration error: ${escape(uri)}: localgate serves only Lambda's invoke action and S3 by path URI\n[^\n]* : Method completed with status: 500\n$`),
          },
        },
      },
    ],
  })),
]);
