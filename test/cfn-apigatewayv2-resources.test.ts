// AWS::ApiGatewayV2::* resource types, driven directly (no engine) over a running
// localgate's providers, checked through the provider and the data plane: an HTTP API with a
// Lambda integration answering on its invoke URL, quick create, an OpenAPI Body import, a
// WebSocket API that connects and answers, and the stored types.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Localgate } from '../src/app.ts';
import { resourceType } from '../src/cloudformation/registry.ts';
import type { ResourceProperties, ResourceResult, ResourceType } from '../src/cloudformation/resource.ts';
import { resourceContext } from './cfn-context.ts';
import { body } from '../src/services/s3/test-support.ts';
import { ROLE } from './fixtures/lambda/zips.ts';
import { startTestServer } from './helpers.ts';
import { ask, connectClient, lambdaInvokeUri } from './websocket-setup.ts';

const type = (name: string): ResourceType => resourceType(name)!;
const HTTP_HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ route: event.routeKey, path: event.rawPath }) });`;
const WS_HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: event.requestContext.routeKey === '$default' ? 'echo:' + event.body : '' });`;

describe('AWS::ApiGatewayV2 resource types', () => {
  let app: Localgate;
  let httpFn: string;
  let wsFn: string;
  /** Created resources, deleted (in reverse) by the test that made them. */
  let made: Array<{ type: string; props: ResourceProperties; result: ResourceResult }>;
  const ctx = (logicalId: string) => resourceContext(app, logicalId, 'v2-stack');
  const create = async (name: string, props: ResourceProperties) => {
    const result = await type(name).create(props, ctx('R'));
    made.push({ type: name, props, result });
    return result;
  };
  const deleteAll = async () => {
    for (const m of made.reverse()) await type(m.type).delete(m.result.physicalId, m.props, ctx('R'), m.result);
    made = [];
  };
  const v2 = () => app.providers.apigatewayv2;

  before(async () => {
    app = await startTestServer();
    const fn = type('AWS::Lambda::Function');
    const common = { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE };
    httpFn = (await fn.create({ ...common, FunctionName: 'v2-http', Code: { ZipFile: HTTP_HANDLER } }, ctx('HttpFn'))).attributes.Arn as string;
    wsFn = (await fn.create({ ...common, FunctionName: 'v2-ws', Code: { ZipFile: WS_HANDLER } }, ctx('WsFn'))).attributes.Arn as string;
  });
  after(() => app.close());

  it('an HTTP API, a Lambda integration, a route and a $default stage answer on the invoke URL; updates and deletes', async () => {
    made = [];
    const api = await create('AWS::ApiGatewayV2::Api', { Name: 'cfn-http', ProtocolType: 'HTTP', Tags: { env: 'test' } });
    const apiId = api.physicalId;
    assert.deepEqual(api.attributes, { ApiId: apiId, ApiEndpoint: `${app.url}/execute-api/${apiId}` });
    const endpoint = api.attributes.ApiEndpoint as string;
    const integration = await create('AWS::ApiGatewayV2::Integration', {
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: httpFn,
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: '5000',
    });
    assert.equal(integration.attributes.IntegrationId, integration.physicalId);
    const routeProps = { ApiId: apiId, RouteKey: 'GET /hello', Target: `integrations/${integration.physicalId}` };
    const route = await create('AWS::ApiGatewayV2::Route', routeProps);
    assert.deepEqual(route.attributes, { RouteId: route.physicalId });
    const stage = await create('AWS::ApiGatewayV2::Stage', { ApiId: apiId, StageName: '$default', AutoDeploy: 'true' });
    assert.deepEqual(stage, { physicalId: '$default', attributes: {} });

    const res = await fetch(`${endpoint}/hello`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { route: 'GET /hello', path: '/hello' });

    // A changed route key updates the route in place; the auto-deployed stage serves it.
    const newRouteProps = { ...routeProps, RouteKey: 'GET /greet' };
    assert.deepEqual(await type('AWS::ApiGatewayV2::Route').update!(route.physicalId, routeProps, newRouteProps, ctx('R'), route), route);
    made.find((m) => m.result === route)!.props = newRouteProps;
    assert.deepEqual(await (await fetch(`${app.url}/execute-api/${apiId}/greet`)).json(), { route: 'GET /greet', path: '/greet' });
    assert.equal((await fetch(`${app.url}/execute-api/${apiId}/hello`)).status, 404);

    const apiProps = made[0].props;
    const newApiProps = { ...apiProps, Description: 'second', Tags: { tier: 'web' }, CorsConfiguration: { AllowOrigins: ['https://a.example'] } };
    await type('AWS::ApiGatewayV2::Api').update!(apiId, apiProps, newApiProps, ctx('R'), api);
    const got = await v2().getApi!({ ApiId: apiId }, ctx('R').request);
    assert.equal(got.Description, 'second');
    assert.deepEqual(got.Tags, { tier: 'web' });
    assert.deepEqual(got.CorsConfiguration?.AllowOrigins, ['https://a.example']);
    // A CorsConfiguration the template drops is deleted from the API.
    const { CorsConfiguration: _cors, ...withoutCors } = newApiProps;
    await type('AWS::ApiGatewayV2::Api').update!(apiId, newApiProps, withoutCors, ctx('R'), api);
    assert.equal((await v2().getApi!({ ApiId: apiId }, ctx('R').request)).CorsConfiguration, undefined);
    made[0].props = withoutCors;

    await deleteAll();
    await assert.rejects(Promise.resolve().then(() => v2().getApi!({ ApiId: apiId }, ctx('R').request)), { code: 'NotFoundException' });
    assert.equal((await fetch(`${app.url}/execute-api/${apiId}/greet`)).status, 404);
  });

  it('quick create: Target makes the integration, the $default route and stage', async () => {
    made = [];
    const api = await create('AWS::ApiGatewayV2::Api', { Name: 'quick', ProtocolType: 'HTTP', Target: httpFn });
    const res = await fetch(`${api.attributes.ApiEndpoint}/anything`);
    assert.deepEqual(await res.json(), { route: '$default', path: '/anything' });
    await deleteAll();
  });

  it('imports an OpenAPI Body (YAML text or an object), keeps the template Name, and reimports a changed Body', async () => {
    made = [];
    const doc = (paths: string[]) => ({
      openapi: '3.0.1',
      info: { title: 'from-body', version: '1' },
      paths: Object.fromEntries(
        paths.map((p) => [p, { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaInvokeUri(httpFn), payloadFormatVersion: '2.0' } } }]),
      ),
    });
    const props = { Name: 'named-in-template', Body: doc(['/one']), FailOnWarnings: 'true' };
    const api = await create('AWS::ApiGatewayV2::Api', props);
    await create('AWS::ApiGatewayV2::Stage', { ApiId: api.physicalId, StageName: '$default', AutoDeploy: true });
    assert.equal((await v2().getApi!({ ApiId: api.physicalId }, ctx('R').request)).Name, 'named-in-template');
    assert.deepEqual(await (await fetch(`${app.url}/execute-api/${api.physicalId}/one`)).json(), { route: 'GET /one', path: '/one' });

    const newProps = { ...props, Body: doc(['/one', '/two']) };
    await type('AWS::ApiGatewayV2::Api').update!(api.physicalId, props, newProps, ctx('R'), api);
    made[0].props = newProps;
    assert.deepEqual(await (await fetch(`${app.url}/execute-api/${api.physicalId}/two`)).json(), { route: 'GET /two', path: '/two' });

    // The same definition from S3 (BodyS3Location), read through the S3 provider.
    const s3 = app.providers.s3;
    await s3.createBucket!({ Bucket: 'cfn-definitions' }, ctx('R').request);
    await s3.putObject!({ Bucket: 'cfn-definitions', Key: 'api.json', Body: body(JSON.stringify(doc(['/three']))) }, ctx('R').request);
    const fromS3 = await create('AWS::ApiGatewayV2::Api', { BodyS3Location: { Bucket: 'cfn-definitions', Key: 'api.json' } });
    await create('AWS::ApiGatewayV2::Stage', { ApiId: fromS3.physicalId, StageName: '$default', AutoDeploy: true });
    assert.equal((await v2().getApi!({ ApiId: fromS3.physicalId }, ctx('R').request)).Name, 'from-body');
    assert.deepEqual(await (await fetch(`${app.url}/execute-api/${fromS3.physicalId}/three`)).json(), { route: 'GET /three', path: '/three' });
    await assert.rejects(type('AWS::ApiGatewayV2::Api').create({ BodyS3Location: { Bucket: 'cfn-definitions', Key: 'missing.json' } }, ctx('S3')), { code: 'NoSuchKey' });
    await deleteAll();
  });

  it('a WebSocket API with a deployment, stage and route response connects and answers', async () => {
    made = [];
    const api = await create('AWS::ApiGatewayV2::Api', { Name: 'cfn-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    assert.equal(api.attributes.ApiEndpoint, `${app.url.replace(/^http/, 'ws')}/execute-api/${api.physicalId}`);
    const integration = await create('AWS::ApiGatewayV2::Integration', { ApiId: api.physicalId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaInvokeUri(wsFn) });
    const target = `integrations/${integration.physicalId}`;
    await create('AWS::ApiGatewayV2::Route', { ApiId: api.physicalId, RouteKey: '$connect', Target: target });
    const defaultRoute = await create('AWS::ApiGatewayV2::Route', { ApiId: api.physicalId, RouteKey: '$default', Target: target, RouteResponseSelectionExpression: '$default' });
    const routeResponse = await create('AWS::ApiGatewayV2::RouteResponse', { ApiId: api.physicalId, RouteId: defaultRoute.physicalId, RouteResponseKey: '$default' });
    assert.deepEqual(routeResponse.attributes, { RouteResponseId: routeResponse.physicalId });
    const deployment = await create('AWS::ApiGatewayV2::Deployment', { ApiId: api.physicalId, Description: 'first' });
    await create('AWS::ApiGatewayV2::Stage', { ApiId: api.physicalId, StageName: 'prod', DeploymentId: deployment.physicalId });

    const client = await connectClient(`${api.attributes.ApiEndpoint}/prod`);
    assert.equal(await ask(client, { action: 'nothing', n: 1 }), 'echo:{"action":"nothing","n":1}');
    client.ws.close();
    await client.closed;
    await deleteAll();
  });

  it('stores authorizers, models, integration responses, domain names with API mappings and VPC links', async () => {
    made = [];
    const api = await create('AWS::ApiGatewayV2::Api', { Name: 'stored', ProtocolType: 'HTTP' });
    const apiId = api.physicalId;
    const request = ctx('R').request;
    const authorizer = await create('AWS::ApiGatewayV2::Authorizer', {
      ApiId: apiId,
      Name: 'jwt',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['aud'], Issuer: 'https://issuer.example' },
    });
    assert.equal((await v2().getAuthorizer!({ ApiId: apiId, AuthorizerId: authorizer.physicalId }, request)).JwtConfiguration?.Issuer, 'https://issuer.example');

    const wsApi = await create('AWS::ApiGatewayV2::Api', { Name: 'ws-stored', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const model = await create('AWS::ApiGatewayV2::Model', { ApiId: wsApi.physicalId, Name: 'Thing', ContentType: 'application/json', Schema: schema });
    assert.deepEqual(JSON.parse((await v2().getModel!({ ApiId: wsApi.physicalId, ModelId: model.physicalId }, request)).Schema!), schema);
    const mock = await create('AWS::ApiGatewayV2::Integration', { ApiId: wsApi.physicalId, IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 200}' } });
    const integrationResponse = await create('AWS::ApiGatewayV2::IntegrationResponse', {
      ApiId: wsApi.physicalId,
      IntegrationId: mock.physicalId,
      IntegrationResponseKey: '$default',
      ResponseTemplates: { $default: '{"ok": true}' },
    });
    const gotIr = await v2().getIntegrationResponse!({ ApiId: wsApi.physicalId, IntegrationId: mock.physicalId, IntegrationResponseId: integrationResponse.physicalId }, request);
    assert.equal(gotIr.IntegrationResponseKey, '$default');

    await create('AWS::ApiGatewayV2::Stage', { ApiId: apiId, StageName: 'live', AutoDeploy: true });
    const domain = await create('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/abc', EndpointType: 'REGIONAL' }],
    });
    assert.equal(domain.physicalId, 'api.example.com');
    assert.equal(domain.attributes.DomainNameArn, 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com');
    const gotDomain = await v2().getDomainName!({ DomainName: 'api.example.com' }, request);
    assert.equal(domain.attributes.RegionalDomainName, gotDomain.DomainNameConfigurations?.[0].ApiGatewayDomainName);
    assert.equal(domain.attributes.RegionalHostedZoneId, gotDomain.DomainNameConfigurations?.[0].HostedZoneId);
    const mapping = await create('AWS::ApiGatewayV2::ApiMapping', { DomainName: 'api.example.com', ApiId: apiId, Stage: 'live', ApiMappingKey: 'v1' });
    assert.equal((await v2().getApiMapping!({ DomainName: 'api.example.com', ApiMappingId: mapping.physicalId }, request)).ApiMappingKey, 'v1');

    const link = await create('AWS::ApiGatewayV2::VpcLink', { Name: 'link', SubnetIds: ['subnet-1'], SecurityGroupIds: [] });
    assert.deepEqual(link.attributes, { VpcLinkId: link.physicalId });

    await deleteAll();
    await assert.rejects(Promise.resolve().then(() => v2().getDomainName!({ DomainName: 'api.example.com' }, request)), { code: 'NotFoundException' });
    await assert.rejects(Promise.resolve().then(() => v2().getVpcLink!({ VpcLinkId: link.physicalId }, request)), { code: 'NotFoundException' });
  });

  it('refuses bad properties with the API Gateway error and creates nothing', async () => {
    const before = (await v2().getApis!({}, ctx('R').request)).Items?.length;
    await assert.rejects(type('AWS::ApiGatewayV2::Api').create({ Name: 'x', ProtocolType: 'SOAP' }, ctx('Bad')), { code: 'BadRequestException' });
    await assert.rejects(type('AWS::ApiGatewayV2::Route').create({ ApiId: 'nope' }, ctx('Bad')), { code: 'BadRequestException' });
    assert.equal((await v2().getApis!({}, ctx('R').request)).Items?.length, before);
  });
});
