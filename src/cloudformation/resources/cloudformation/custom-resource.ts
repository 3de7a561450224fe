// AWS::CloudFormation::CustomResource and Custom::* backed by a Lambda ServiceToken. Each
// create, update and delete invokes the function asynchronously (as CloudFormation does)
// with the custom resource request event, then waits for the response the function PUTs
// to the event's ResponseURL: only that PUT counts, not what the function returns. `Data`
// keys become the GetAtt attributes; Ref is the PhysicalResourceId the function chose.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../protocol/errors.ts';
import { CustomResourceResponses } from '../../custom-resource-responses.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { call } from '../service-call.ts';

type RequestType = 'Create' | 'Update' | 'Delete';

/** CloudFormation hands custom resources every scalar property as a string. */
function stringified(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringified);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringified(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** ServiceTimeout (seconds, 1-3600) bounds the wait; without it the server's default applies. */
function timeoutMs(props: ResourceProperties): number | undefined {
  if (props.ServiceTimeout === undefined) return undefined;
  const seconds = Number(props.ServiceTimeout);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new AwsError('ValidationError', `ServiceTimeout must be an integer from 1 to 3600 (was ${String(props.ServiceTimeout)})`);
  }
  return seconds * 1000;
}

async function send(
  requestType: RequestType,
  ctx: ResourceContext,
  props: ResourceProperties,
  extra: { PhysicalResourceId?: string; OldResourceProperties?: ResourceProperties },
): Promise<ResourceResult> {
  const serviceToken = props.ServiceToken;
  if (typeof serviceToken !== 'string' || !serviceToken) throw new AwsError('ValidationError', 'ServiceToken is required for a custom resource');
  if (!/^arn:[^:]+:lambda:/.test(serviceToken)) {
    throw new AwsError('ValidationError', `localgate runs custom resources backed by Lambda functions only; ServiceToken ${serviceToken} is not a Lambda function ARN`);
  }
  const responses = CustomResourceResponses.of(ctx.request.baseUrl);
  if (!responses) throw new Error(`no localgate serves custom resource responses at ${ctx.request.baseUrl}`);
  const requestId = randomUUID();
  const { responseUrl, response, cancel } = responses.expect(ctx.request.baseUrl, requestId, timeoutMs(props));
  const event = {
    RequestType: requestType,
    ServiceToken: serviceToken,
    ResponseURL: responseUrl,
    StackId: ctx.stackId,
    RequestId: requestId,
    LogicalResourceId: ctx.logicalId,
    ...(extra.PhysicalResourceId !== undefined ? { PhysicalResourceId: extra.PhysicalResourceId } : {}),
    ResourceType: ctx.resourceType ?? 'AWS::CloudFormation::CustomResource',
    ResourceProperties: stringified(props),
    ...(extra.OldResourceProperties ? { OldResourceProperties: stringified(extra.OldResourceProperties) } : {}),
  };
  try {
    await call(ctx, 'lambda', 'invoke', { FunctionName: serviceToken, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(event)) });
  } catch (err) {
    cancel();
    throw err;
  }
  const answer = await response;
  if (answer.Status === 'FAILED') {
    throw new Error(`Received response status [FAILED] from custom resource. Message returned: ${answer.Reason ?? ''} (RequestId: ${requestId})`);
  }
  const physicalId = answer.PhysicalResourceId;
  if (typeof physicalId !== 'string' || physicalId === '') throw new Error(`Invalid PhysicalResourceId (RequestId: ${requestId})`);
  return { physicalId, attributes: answer.Data ?? {} };
}

export const customResource: ResourceType = {
  type: 'AWS::CloudFormation::CustomResource',
  // CloudFormation sends an Update for any change; the function decides whether that
  // replaced the resource by answering another PhysicalResourceId.
  replaceOn: [],

  create(props, ctx) {
    return send('Create', ctx, props, {});
  },

  update(physicalId, oldProps, newProps, ctx) {
    return send('Update', ctx, newProps, { PhysicalResourceId: physicalId, OldResourceProperties: oldProps });
  },

  async delete(physicalId, props, ctx) {
    await send('Delete', ctx, props, { PhysicalResourceId: physicalId });
  },
};
