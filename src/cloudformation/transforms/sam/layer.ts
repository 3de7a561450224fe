// AWS::Serverless::LayerVersion -> AWS::Lambda::LayerVersion under `<Layer><hash>`: the id
// changes with the layer's properties, so CloudFormation publishes a new version (and keeps
// or deletes the old one per RetentionPolicy).
import { s3Location } from './code.ts';
import { invalidResource } from './errors.ts';
import type { Expansion } from './expansion.ts';
import { idHash } from './hash.ts';
import { passThroughAttributes } from './function.ts';
import { copyDefined, isIntrinsic } from './values.ts';

/** The generated logical id for a layer resource (as written in the template, Globals merged). */
export function layerLogicalId(logicalId: string, resource: Record<string, any>): string {
  const hashed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) if (!['DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'].includes(k)) hashed[k] = v;
  return `${logicalId}${idHash({ [logicalId]: hashed })}`;
}

export function expandLayer(x: Expansion, logicalId: string, newId: string, resource: Record<string, any>) {
  const props = resource.Properties ?? {};
  const layer: Record<string, unknown> = { Content: s3Location(logicalId, 'ContentUri', props.ContentUri) };
  layer.LayerName = props.LayerName ?? logicalId;
  copyDefined(layer, props, ['Description', 'CompatibleRuntimes', 'CompatibleArchitectures', 'LicenseInfo']);
  const attributes = passThroughAttributes(resource);
  let retention = props.RetentionPolicy ?? 'Retain';
  if (isIntrinsic(retention)) retention = (x.parameterValues[(retention as { Ref?: string }).Ref ?? ''] as string) ?? retention;
  if (typeof retention !== 'string' || !['retain', 'delete'].includes(retention.toLowerCase())) {
    throw invalidResource(logicalId, "'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].");
  }
  if (attributes.DeletionPolicy === undefined) attributes.DeletionPolicy = retention.toLowerCase() === 'delete' ? 'Delete' : 'Retain';
  x.add(newId, { Type: 'AWS::Lambda::LayerVersion', ...attributes, Properties: layer });
}
