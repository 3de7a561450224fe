// AWS::ApiGatewayV2::Api: CreateApi (including quick create with Target / RouteKey /
// CredentialsArn), or ImportApi when the template carries an OpenAPI definition in Body or
// BodyS3Location (then ReimportApi when it changes). Ref is the API id; GetAtt ApiId and
// ApiEndpoint.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';
import { resourceArn, updateTags } from './common.ts';

/** The API's own settings, applied with UpdateApi after an import. */
const SETTINGS = ['Name', 'Description', 'Version', 'ApiKeySelectionExpression', 'RouteSelectionExpression', 'DisableSchemaValidation', 'DisableExecuteApiEndpoint', 'CorsConfiguration', 'IpAddressType'];

/** The OpenAPI definition: Body (text, or an object in the template) or the S3 object BodyS3Location names. */
async function definition(props: ResourceProperties, ctx: ResourceContext): Promise<string | undefined> {
  const location = props.BodyS3Location;
  if (location !== undefined) {
    if (!location || typeof location !== 'object') throw new AwsError('BadRequestException', 'BodyS3Location must name a Bucket and a Key');
    const object = await call(ctx, 's3', 'getObject', { Bucket: location.Bucket, Key: location.Key, VersionId: location.Version, IfMatch: location.Etag });
    const chunks: Buffer[] = [];
    for await (const chunk of (object.Body ?? []) as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  if (props.Body === undefined) return undefined;
  return typeof props.Body === 'string' ? props.Body : JSON.stringify(props.Body);
}

const settings = (props: ResourceProperties) => Object.fromEntries(SETTINGS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

const result = (api: { ApiId?: string; ApiEndpoint?: string }): ResourceResult => ({
  physicalId: api.ApiId!,
  attributes: { ApiId: api.ApiId, ApiEndpoint: api.ApiEndpoint },
});

async function importDefinition(body: string, props: ResourceProperties, ctx: ResourceContext) {
  const api = await call(ctx, 'apigatewayv2', 'importApi', { Body: body, Basepath: props.BasePath, FailOnWarnings: props.FailOnWarnings });
  try {
    const own = settings(props);
    const updated = Object.keys(own).length ? await call(ctx, 'apigatewayv2', 'updateApi', { ...own, ApiId: api.ApiId }) : api;
    if (props.Tags) await updateTags(ctx, resourceArn(ctx, `apis/${api.ApiId}`), undefined, props.Tags);
    return updated;
  } catch (err) {
    await call(ctx, 'apigatewayv2', 'deleteApi', { ApiId: api.ApiId });
    throw err;
  }
}

export const api: ResourceType = {
  type: 'AWS::ApiGatewayV2::Api',
  replaceOn: ['ProtocolType'],

  async create(props, ctx) {
    const body = await definition(props, ctx);
    if (body !== undefined) return result(await importDefinition(body, props, ctx));
    return result(await call(ctx, 'apigatewayv2', 'createApi', props));
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const body = await definition(newProps, ctx);
    if (body !== undefined && (changed(oldProps, newProps, 'Body') || changed(oldProps, newProps, 'BodyS3Location') || changed(oldProps, newProps, 'BasePath'))) {
      await call(ctx, 'apigatewayv2', 'reimportApi', { ApiId: physicalId, Body: body, Basepath: newProps.BasePath, FailOnWarnings: newProps.FailOnWarnings });
    }
    if (oldProps.CorsConfiguration !== undefined && newProps.CorsConfiguration === undefined) {
      await call(ctx, 'apigatewayv2', 'deleteCorsConfiguration', { ApiId: physicalId });
    }
    const quickCreate = body === undefined ? { Target: newProps.Target, RouteKey: newProps.RouteKey, CredentialsArn: newProps.CredentialsArn } : {};
    const updated = await call(ctx, 'apigatewayv2', 'updateApi', { ...settings(newProps), ...quickCreate, ApiId: physicalId });
    if (changed(oldProps, newProps, 'Tags')) await updateTags(ctx, resourceArn(ctx, `apis/${physicalId}`), oldProps.Tags, newProps.Tags);
    return result(updated);
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigatewayv2', 'deleteApi', { ApiId: physicalId }));
  },
};
