// Lambda as recorded on AWS, third pass: validation that reports several members at once,
// and what the second pass left (LocalStack's test_lambda_api.snapshot.json and
// test_lambda.snapshot.json, tests marked aws-validated). LocalStack's account 111111111111
// is our 000000000000; `<region>` is us-east-1.
import { recordedCases } from './harness.ts';
import { ARN, FUNCTIONS, SNAPSHOT, ZIP, call, create } from './lambda-steps.ts';

const BEHAVIOUR = 'localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json';

const LAYERS = '/2018-10-31/layers';
const publishLayer = (name: string, extra: Record<string, unknown> = {}) => call('POST', `${LAYERS}/${name}/versions`, { Content: { ZipFile: ZIP }, ...extra });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lambda's answer to invalid layer runtimes and architectures: two faults, runtimes first
 * (the model's member order), the runtimes checked against Lambda's own list (whose content
 * changes as runtimes come and go, so only its shape is compared). */
const layerFaults = (runtimes: string, architectures: string) =>
  new RegExp(
    '^' +
      escape(`2 validation errors detected: Value '[${runtimes}]' at 'compatibleRuntimes' failed to satisfy constraint: Member must satisfy enum value set: [`) +
      '[a-z0-9.-]+(, [a-z0-9.-]+)*' +
      escape(`]; Value '[${architectures}]' at 'compatibleArchitectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]`) +
      '$',
  );

const BELOW_MINIMUM =
  "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].";

recordedCases('Lambda (third pass)', [
  {
    name: 'reserved concurrency past the account limit: InvalidParameterValueException without a Type',
    source: `${SNAPSHOT}#TestLambdaReservedConcurrency::test_function_concurrency_limits`,
    steps: [
      { request: create('limited'), expect: { status: 201 } },
      // Over the account's whole concurrency, and just past what must stay unreserved.
      { request: call('PUT', '/2017-10-31/functions/limited/concurrency', { ReservedConcurrentExecutions: 1001 }), expect: { status: 400, body: { message: BELOW_MINIMUM } } },
      { request: call('PUT', '/2017-10-31/functions/limited/concurrency', { ReservedConcurrentExecutions: 901 }), expect: { status: 400, body: { message: BELOW_MINIMUM } } },
      { request: call('PUT', '/2017-10-31/functions/limited/concurrency', { ReservedConcurrentExecutions: 900 }), expect: { status: 200, body: { ReservedConcurrentExecutions: 900 } } },
    ],
  },
  {
    name: 'PublishLayerVersion: invalid runtimes and architectures are both reported',
    source: `${SNAPSHOT}#TestLambdaLayer::test_layer_exceptions (publish_layer_version_exc_invalid_runtime_arch, publish_layer_version_exc_partially_invalid_values)`,
    steps: [
      {
        request: publishLayer('lay', { CompatibleRuntimes: ['invalidruntime'], CompatibleArchitectures: ['invalidarch'] }),
        expect: { status: 400, body: { message: layerFaults('invalidruntime', 'invalidarch') }, headers: { 'x-amzn-errortype': 'ValidationException' } },
      },
      {
        request: publishLayer('lay', { CompatibleArchitectures: ['invalidarch', 'x86_64'], CompatibleRuntimes: ['invalidruntime', 'invalidruntime2', 'nodejs16.x'] }),
        expect: { status: 400, body: { message: layerFaults('invalidruntime, invalidruntime2, nodejs16.x', 'invalidarch, x86_64') } },
      },
      { request: call('GET', `${LAYERS}/lay/versions`), expect: { status: 200, body: { LayerVersions: [] } } },
    ],
  },
  {
    name: 'Invoke through an alias that does not exist',
    source: `${BEHAVIOUR}#TestLambdaAliases::test_lambda_alias_moving (invocation_exc_not_existent)`,
    steps: [
      { request: create('aliased', { Publish: true }), expect: { status: 201 } },
      {
        request: call('POST', `${FUNCTIONS}/aliased/invocations?Qualifier=non-existent-alias`, {}),
        expect: { status: 404, body: { Type: 'User', Message: `Function not found: ${ARN}:aliased:non-existent-alias` }, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } },
      },
    ],
  },
]);
