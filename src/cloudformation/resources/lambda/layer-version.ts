// AWS::Lambda::LayerVersion -> PublishLayerVersion (Content from S3, passed through to the
// provider) and AWS::Lambda::LayerVersionPermission -> AddLayerVersionPermission. A layer
// version is immutable: every property change replaces it. Ref is the layer version ARN.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceType } from '../../resource.ts';
import { call, ignoreNotFound } from '../service-call.ts';

/** arn:aws:lambda:{region}:{account}:layer:{name}:{version} -> the parts the API takes. */
function layerVersion(arn: unknown): { LayerName: string; VersionNumber: string } {
  const m = /^(arn:[^:]+:lambda:[^:]+:\d{12}:layer:[^:]+):(\d+)$/.exec(String(arn));
  if (!m) throw new AwsError('ValidationException', `Invalid LayerVersionArn: ${String(arn)}`);
  return { LayerName: m[1], VersionNumber: m[2] };
}

export const lambdaLayerVersion: ResourceType = {
  type: 'AWS::Lambda::LayerVersion',
  replaceOn: ['CompatibleArchitectures', 'CompatibleRuntimes', 'Content', 'Description', 'LayerName', 'LicenseInfo'],

  async create(props, ctx) {
    const layer = await call(ctx, 'lambda', 'publishLayerVersion', { ...props, LayerName: props.LayerName ?? ctx.logicalId });
    return { physicalId: layer.LayerVersionArn!, attributes: { LayerVersionArn: layer.LayerVersionArn } };
  },

  async delete(physicalId, _props, ctx) {
    await call(ctx, 'lambda', 'deleteLayerVersion', layerVersion(physicalId));
  },
};

export const lambdaLayerVersionPermission: ResourceType = {
  type: 'AWS::Lambda::LayerVersionPermission',
  replaceOn: ['Action', 'LayerVersionArn', 'OrganizationId', 'Principal'],

  async create(props, ctx) {
    const statementId = ctx.generateName(100);
    await call(ctx, 'lambda', 'addLayerVersionPermission', { ...layerVersion(props.LayerVersionArn), ...props, StatementId: statementId });
    const id = `${props.LayerVersionArn}#${statementId}`;
    return { physicalId: id, attributes: { Id: id } };
  },

  async delete(physicalId, props, ctx) {
    const statementId = physicalId.slice(physicalId.lastIndexOf('#') + 1);
    await ignoreNotFound(() => call(ctx, 'lambda', 'removeLayerVersionPermission', { ...layerVersion(props.LayerVersionArn), StatementId: statementId }));
  },
};
