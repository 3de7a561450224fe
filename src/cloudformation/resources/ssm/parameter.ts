// AWS::SSM::Parameter -> PutParameter (a change overwrites, making a new version). Ref is
// the name; GetAtt Type and Value. CloudFormation creates String and StringList only.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../../protocol/errors.ts';
import type * as Ssm from '../../../models/ssm.types.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';

const api = (ctx: ResourceContext) => ctx.services.ssm as Ssm.Operations;

async function put(ctx: ResourceContext, name: string, props: ResourceProperties, overwrite: boolean): Promise<ResourceResult> {
  if (props.Type === 'SecureString') throw new AwsError('ValidationError', 'SecureString parameters are not supported by AWS CloudFormation; use String or StringList.', 400);
  const tags = props.Tags && typeof props.Tags === 'object' ? Object.entries(props.Tags as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value: String(Value) })) : undefined;
  await api(ctx).putParameter(
    {
      Name: name,
      Type: props.Type,
      Value: String(props.Value),
      Description: props.Description,
      AllowedPattern: props.AllowedPattern,
      Tier: props.Tier,
      DataType: props.DataType,
      Overwrite: overwrite || undefined,
      Tags: overwrite ? undefined : tags,
    },
    ctx.request,
  );
  return { physicalId: name, attributes: { Type: props.Type, Value: String(props.Value) } };
}

const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** CloudFormation names a parameter `CFN-{logicalId}-{12 letters and digits}` (recorded on AWS: `CFN-MyParameter-EZmrlQrQjjTv`). */
function generatedName(logicalId: string): string {
  const suffix = [...randomBytes(12)].map((b) => LETTERS_AND_DIGITS[b % LETTERS_AND_DIGITS.length]).join('');
  return `CFN-${logicalId}-${suffix}`;
}

export const parameter: ResourceType = {
  type: 'AWS::SSM::Parameter',
  replaceOn: ['Name'],
  required: ['Type', 'Value'],
  attributes: ['Type', 'Value'],
  create: (props, ctx) => put(ctx, props.Name ?? generatedName(ctx.logicalId), props, false),
  update: (name, _old, props, ctx) => put(ctx, name, props, true),
  async delete(name, _props, ctx) {
    try {
      await api(ctx).deleteParameter({ Name: name }, ctx.request);
    } catch (err) {
      if (!(err instanceof AwsError && err.code === 'ParameterNotFound')) throw err;
    }
  },
};
