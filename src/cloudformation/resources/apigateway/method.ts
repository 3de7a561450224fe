// AWS::ApiGateway::Method with its Integration, IntegrationResponses and MethodResponses:
// PutMethod, PutIntegration, PutMethodResponse and PutIntegrationResponse on create (a
// failure part-way removes the method again); updates patch the method and its responses
// and put the integration anew when it changed. The method has no id of its own: its
// physical id is a generated name (Ref), the API addresses it by api, resource and verb.
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceContext, ResourceProperties, ResourceType } from '../../resource.ts';
import { mapOps, scalarOps, setValueOps } from './patch-ops.ts';
import { invalidProperty, read, readRequired, type Props } from './props.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';

interface MethodKey {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
}

function keyOf(p: Props): MethodKey {
  return { restApiId: p.string('RestApiId')!, resourceId: p.string('ResourceId')!, httpMethod: p.string('HttpMethod')!.toUpperCase() };
}

function methodSettings(p: Props) {
  return {
    authorizationType: p.string('AuthorizationType') ?? 'NONE',
    authorizerId: p.string('AuthorizerId'),
    apiKeyRequired: p.boolean('ApiKeyRequired') ?? false,
    requestValidatorId: p.string('RequestValidatorId'),
    operationName: p.string('OperationName'),
    requestParameters: p.booleanMap('RequestParameters'),
    requestModels: p.stringMap('RequestModels'),
    authorizationScopes: p.stringList('AuthorizationScopes'),
  };
}

function integrationOf(p: Props): Omit<T.PutIntegrationRequest, keyof MethodKey> | undefined {
  const i = p.object('Integration');
  if (!i) return undefined;
  const type = i.string('Type');
  if (!type) throw invalidProperty(p.ctx, '#/Integration: required key [Type] not found');
  return {
    type: type as T.IntegrationType,
    integrationHttpMethod: i.string('IntegrationHttpMethod'),
    uri: i.string('Uri'),
    // A MOCK integration connects to nothing: AWS answers no connectionType for one even when
    // the template gives INTERNET (test_apigateway.snapshot.json under cloudformation/resources,
    // test_cfn_with_apigateway_resources, get-method-post).
    connectionType: type === 'MOCK' ? undefined : (i.string('ConnectionType') as T.ConnectionType | undefined),
    connectionId: i.string('ConnectionId'),
    credentials: i.string('Credentials'),
    requestParameters: i.stringMap('RequestParameters'),
    requestTemplates: i.stringMap('RequestTemplates'),
    passthroughBehavior: i.string('PassthroughBehavior'),
    contentHandling: i.string('ContentHandling') as T.ContentHandlingStrategy | undefined,
    timeoutInMillis: i.integer('TimeoutInMillis'),
    cacheNamespace: i.string('CacheNamespace'),
    cacheKeyParameters: i.stringList('CacheKeyParameters'),
  };
}

type IntegrationResponse = Omit<T.PutIntegrationResponseRequest, keyof MethodKey>;
type MethodResponse = Omit<T.PutMethodResponseRequest, keyof MethodKey>;

function byStatus<R extends { statusCode: string }>(p: Props, list: Props[], readOne: (r: Props) => Omit<R, 'statusCode'>, where: string): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of list) {
    const statusCode = r.string('StatusCode');
    if (!statusCode) throw invalidProperty(p.ctx, `${where}: required key [StatusCode] not found`);
    out.set(statusCode, { statusCode, ...readOne(r) } as R);
  }
  return out;
}

function integrationResponsesOf(p: Props): Map<string, IntegrationResponse> {
  const list = p.object('Integration')?.objects('IntegrationResponses') ?? [];
  return byStatus<IntegrationResponse>(p, list, (r) => ({
    selectionPattern: r.string('SelectionPattern'),
    responseParameters: r.stringMap('ResponseParameters'),
    responseTemplates: r.stringMap('ResponseTemplates'),
    contentHandling: r.string('ContentHandling') as T.ContentHandlingStrategy | undefined,
  }), '#/Integration/IntegrationResponses');
}

function methodResponsesOf(p: Props): Map<string, MethodResponse> {
  return byStatus<MethodResponse>(p, p.objects('MethodResponses'), (r) => ({
    responseParameters: r.booleanMap('ResponseParameters'),
    responseModels: r.stringMap('ResponseModels'),
  }), '#/MethodResponses');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function putIntegrationResponses(ctx: ResourceContext, key: MethodKey, responses: Iterable<IntegrationResponse>) {
  for (const r of responses) await call(ctx, 'apigateway', 'putIntegrationResponse', { ...key, ...r });
}

async function updateMethodResponses(ctx: ResourceContext, key: MethodKey, before: Map<string, MethodResponse>, after: Map<string, MethodResponse>) {
  for (const [status, r] of after) {
    const old = before.get(status);
    if (!old) await call(ctx, 'apigateway', 'putMethodResponse', { ...key, ...r });
    else {
      const patchOperations = [
        ...mapOps('/responseParameters', old.responseParameters, r.responseParameters),
        ...mapOps('/responseModels', old.responseModels, r.responseModels),
      ];
      if (patchOperations.length) await call(ctx, 'apigateway', 'updateMethodResponse', { ...key, statusCode: status, patchOperations });
    }
  }
}

async function updateIntegration(ctx: ResourceContext, key: MethodKey, before: Props, after: Props) {
  const integration = integrationOf(after);
  const responses = integrationResponsesOf(after);
  if (!integration) {
    if (before.has('Integration')) await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteIntegration', key));
    return;
  }
  if (!same(integrationOf(before), integration)) {
    // PutIntegration replaces the integration, responses included: put them back.
    await call(ctx, 'apigateway', 'putIntegration', { ...key, ...integration });
    await putIntegrationResponses(ctx, key, responses.values());
    return;
  }
  const old = integrationResponsesOf(before);
  for (const status of old.keys()) {
    if (!responses.has(status)) await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteIntegrationResponse', { ...key, statusCode: status }));
  }
  await putIntegrationResponses(ctx, key, [...responses.values()].filter((r) => !same(old.get(r.statusCode), r)));
}

export const method: ResourceType = {
  type: 'AWS::ApiGateway::Method',
  replaceOn: ['RestApiId', 'ResourceId', 'HttpMethod'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'RestApiId', 'ResourceId', 'HttpMethod');
    const key = keyOf(p);
    const integration = integrationOf(p);
    const integrationResponses = integrationResponsesOf(p);
    const methodResponses = methodResponsesOf(p);
    await call(ctx, 'apigateway', 'putMethod', { ...key, ...methodSettings(p) });
    try {
      for (const r of methodResponses.values()) await call(ctx, 'apigateway', 'putMethodResponse', { ...key, ...r });
      if (integration) {
        await call(ctx, 'apigateway', 'putIntegration', { ...key, ...integration });
        await putIntegrationResponses(ctx, key, integrationResponses.values());
      }
    } catch (err) {
      await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteMethod', key));
      throw err;
    }
    return { physicalId: ctx.generateName(), attributes: {} };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const before = read(oldProps, ctx);
    const after = read(newProps, ctx);
    const key = keyOf(after);
    const [was, now] = [methodSettings(before), methodSettings(after)];
    const patchOperations = [
      ...scalarOps('/authorizationType', was.authorizationType, now.authorizationType),
      // A method's scalars take only `replace` (AWS refuses add/remove); '' unsets them.
      ...scalarOps('/authorizerId', was.authorizerId, now.authorizerId, ''),
      ...scalarOps('/apiKeyRequired', was.apiKeyRequired, now.apiKeyRequired),
      ...scalarOps('/requestValidatorId', was.requestValidatorId, now.requestValidatorId, ''),
      ...scalarOps('/operationName', was.operationName, now.operationName, ''),
      ...mapOps('/requestParameters', was.requestParameters, now.requestParameters),
      ...mapOps('/requestModels', was.requestModels, now.requestModels),
      ...setValueOps('/authorizationScopes', was.authorizationScopes, now.authorizationScopes),
    ];
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateMethod', { ...key, patchOperations });
    const [oldResponses, newResponses] = [methodResponsesOf(before), methodResponsesOf(after)];
    await updateMethodResponses(ctx, key, oldResponses, newResponses);
    if (changed(oldProps, newProps, 'Integration') || changed(oldProps, newProps, 'MethodResponses')) await updateIntegration(ctx, key, before, after);
    for (const status of oldResponses.keys()) {
      if (!newResponses.has(status)) await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteMethodResponse', { ...key, statusCode: status }));
    }
    return { physicalId, attributes: {} };
  },

  async delete(_physicalId, props: ResourceProperties, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteMethod', keyOf(read(props, ctx))));
  },
};
