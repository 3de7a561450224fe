// Lambda as recorded on AWS, fourth pass: dead-letter queues and asynchronous-invocation
// destinations (LocalStack's test_lambda_destinations.snapshot.json, tests marked
// aws-validated), and VPC settings (test_lambda_api.snapshot.json). localgate serves no SQS: it stores these settings as Lambda does and
// reports the records it cannot deliver. LocalStack's account 111111111111 is our
// 000000000000; `<region>` is us-east-1.
import { ABSENT, ANY, recordedCases } from './harness.ts';
import { ARN, FUNCTIONS, SNAPSHOT, call, create } from './lambda-steps.ts';

const DESTINATIONS = 'localstack/localstack tests/aws/services/lambda_/test_lambda_destinations.snapshot.json';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:dlq';
const INVOKE_CONFIG = '/2019-09-25/functions/dest/event-invoke-config';
const sqsDestinations = { OnFailure: { Destination: QUEUE }, OnSuccess: { Destination: QUEUE } };

recordedCases('Lambda (fourth pass)', [
  {
    name: 'a dead-letter queue is kept; an update with an empty DeadLetterConfig leaves it as it was',
    source: `${DESTINATIONS}#TestLambdaDLQ::test_dead_letter_queue (create_lambda_with_dlq, delete_dlq)`,
    steps: [
      {
        request: create('dlq', { DeadLetterConfig: { TargetArn: QUEUE } }),
        expect: { status: 201, body: { DeadLetterConfig: { TargetArn: QUEUE }, FunctionName: 'dlq', FunctionArn: `${ARN}:dlq`, State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating', Architectures: ['x86_64'], CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: { Size: 512 }, Handler: 'index.handler', LastModified: ANY, LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/dlq' }, MemorySize: 128, PackageType: 'Zip', RevisionId: ANY, Role: ANY, Runtime: 'nodejs20.x', RuntimeVersionConfig: ANY, SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' }, Timeout: 3, TracingConfig: { Mode: 'PassThrough' }, Version: '$LATEST' } },
      },
      {
        request: call('PUT', `${FUNCTIONS}/dlq/configuration`, { DeadLetterConfig: {} }),
        expect: { status: 200, body: { DeadLetterConfig: { TargetArn: QUEUE }, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating', State: 'Active', FunctionName: 'dlq', FunctionArn: `${ARN}:dlq`, Architectures: ['x86_64'], CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: { Size: 512 }, Handler: 'index.handler', LastModified: ANY, LoggingConfig: ANY, MemorySize: 128, PackageType: 'Zip', RevisionId: ANY, Role: ANY, Runtime: 'nodejs20.x', RuntimeVersionConfig: ANY, SnapStart: ANY, Timeout: 3, TracingConfig: ANY, Version: '$LATEST' } },
      },
    ],
  },
  {
    name: 'PutFunctionEventInvokeConfig with SQS destinations answers them as given, MaximumRetryAttempts only when set',
    source: `${DESTINATIONS}#TestLambdaDestinationSqs::test_assess_lambda_destination_invocation[payload0], test_lambda_destination_default_retries (put_function_event_invoke_config)`,
    steps: [
      { request: create('dest'), expect: { status: 201 } },
      {
        request: call('PUT', INVOKE_CONFIG, { MaximumRetryAttempts: 0, DestinationConfig: sqsDestinations }),
        expect: { status: 200, body: { DestinationConfig: sqsDestinations, FunctionArn: `${ARN}:dest:$LATEST`, LastModified: ANY, MaximumRetryAttempts: 0 } },
      },
      {
        request: call('PUT', INVOKE_CONFIG, { DestinationConfig: sqsDestinations }),
        expect: { status: 200, body: { DestinationConfig: sqsDestinations, FunctionArn: `${ARN}:dest:$LATEST`, LastModified: ANY, MaximumRetryAttempts: ABSENT } },
      },
    ],
  },
  {
    // With subnets, AWS also answers the subnets' VpcId, which localgate (no EC2) cannot name:
    // only the settings given are compared there.
    name: 'VpcConfig is answered with both lists and Ipv6AllowedForDualStack; removing the subnets leaves an empty VpcId',
    source: `${SNAPSHOT}#TestLambdaFunction::test_vpc_config (create_response, delete_vpcconfig_update_response, delete_vpcconfig_get_function_response)`,
    steps: [
      { request: create('vpc', { VpcConfig: { SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: ['sg-0123456789abcdef0'] } }), expect: { status: 201 } },
      {
        request: call('GET', `${FUNCTIONS}/vpc/configuration`),
        expect: { status: 200, body: { VpcConfig: { Ipv6AllowedForDualStack: false, SecurityGroupIds: ['sg-0123456789abcdef0'], SubnetIds: ['subnet-0123456789abcdef0'] }, FunctionName: 'vpc', FunctionArn: `${ARN}:vpc`, LastUpdateStatus: 'Successful', State: 'Active', Architectures: ANY, CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: ANY, Handler: ANY, LastModified: ANY, LoggingConfig: ANY, MemorySize: 128, PackageType: 'Zip', RevisionId: ANY, Role: ANY, Runtime: ANY, RuntimeVersionConfig: ANY, SnapStart: ANY, Timeout: 3, TracingConfig: ANY, Version: '$LATEST' } },
      },
      {
        request: call('PUT', `${FUNCTIONS}/vpc/configuration`, { VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } }),
        expect: { status: 200, body: { VpcConfig: { Ipv6AllowedForDualStack: false, SecurityGroupIds: [], SubnetIds: [], VpcId: '' }, FunctionName: 'vpc', FunctionArn: `${ARN}:vpc`, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: ANY, LastUpdateStatusReasonCode: ANY, State: 'Active', Architectures: ANY, CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: ANY, Handler: ANY, LastModified: ANY, LoggingConfig: ANY, MemorySize: 128, PackageType: 'Zip', RevisionId: ANY, Role: ANY, Runtime: ANY, RuntimeVersionConfig: ANY, SnapStart: ANY, Timeout: 3, TracingConfig: ANY, Version: '$LATEST' } },
      },
      {
        request: call('GET', `${FUNCTIONS}/vpc/configuration`),
        expect: { status: 200, body: { VpcConfig: { Ipv6AllowedForDualStack: false, SecurityGroupIds: [], SubnetIds: [], VpcId: '' }, FunctionName: 'vpc', FunctionArn: `${ARN}:vpc`, LastUpdateStatus: 'Successful', State: 'Active', Architectures: ANY, CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: ANY, Handler: ANY, LastModified: ANY, LoggingConfig: ANY, MemorySize: 128, PackageType: 'Zip', RevisionId: ANY, Role: ANY, Runtime: ANY, RuntimeVersionConfig: ANY, SnapStart: ANY, Timeout: 3, TracingConfig: ANY, Version: '$LATEST' } },
      },
    ],
  },
]);
