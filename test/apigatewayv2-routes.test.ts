// End-to-end: API Gateway v2 routes, integrations and their responses through the real SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteRouteRequestParameterCommand,
  GetIntegrationCommand,
  GetIntegrationResponsesCommand,
  GetRouteCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { rejectsWithStatus, useApiGatewayV2 } from './apigateway-setup.ts';

const gw = useApiGatewayV2();
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:my-fn';

const rejects = rejectsWithStatus;

const httpApi = async () => (await gw.client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }))).ApiId!;
const wsApi = async () => (await gw.client.send(new CreateApiCommand({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;

test('HTTP API integrations: AWS_PROXY and HTTP_PROXY defaults and rules', async () => {
  const ApiId = await httpApi();
  const lambda = await gw.client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN, PayloadFormatVersion: '2.0' }));
  assert.match(lambda.IntegrationId!, /^[a-z0-9]{7}$/);
  assert.equal(lambda.ConnectionType, 'INTERNET');
  assert.equal(lambda.IntegrationMethod, 'POST');
  assert.equal(lambda.TimeoutInMillis, 30000);
  const proxy = await gw.client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com/{proxy}', IntegrationMethod: 'GET' }));
  assert.equal(proxy.PayloadFormatVersion, '1.0');
  for (const bad of [
    { IntegrationType: 'AWS' as const, IntegrationUri: FN },
    { IntegrationType: 'MOCK' as const },
    { IntegrationType: 'AWS_PROXY' as const, IntegrationUri: FN },
    { IntegrationType: 'AWS_PROXY' as const, IntegrationUri: FN, PayloadFormatVersion: '3.0' },
    { IntegrationType: 'HTTP_PROXY' as const, IntegrationUri: 'https://e.com', IntegrationMethod: 'GET', PayloadFormatVersion: '2.0' },
    { IntegrationType: 'AWS_PROXY' as const, IntegrationUri: FN, PayloadFormatVersion: '2.0', TimeoutInMillis: 30001 },
  ]) {
    await rejects(gw.client.send(new CreateIntegrationCommand({ ApiId, ...bad })), 'BadRequestException', 400);
  }
  const updated = await gw.client.send(new UpdateIntegrationCommand({ ApiId, IntegrationId: lambda.IntegrationId, TimeoutInMillis: 5000 }));
  assert.equal(updated.TimeoutInMillis, 5000);
  assert.equal(updated.PayloadFormatVersion, '2.0');
  assert.equal(updated.IntegrationUri, FN);
  await rejects(gw.client.send(new GetIntegrationCommand({ ApiId, IntegrationId: 'nope123' })), 'NotFoundException', 404);
});

test('WebSocket integrations take every type, default to 29000 ms and payload 1.0', async () => {
  const ApiId = await wsApi();
  const mock = await gw.client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }));
  assert.equal(mock.TimeoutInMillis, 29000);
  assert.equal(mock.PayloadFormatVersion, '1.0');
  assert.equal(mock.PassthroughBehavior, 'WHEN_NO_MATCH');
  const aws = await gw.client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS', IntegrationUri: FN }));
  const response = await gw.client.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId: aws.IntegrationId, IntegrationResponseKey: '/2\\d\\d/' }));
  assert.match(response.IntegrationResponseId!, /^[a-z0-9]{7}$/);
  await rejects(gw.client.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId: aws.IntegrationId, IntegrationResponseKey: '/2\\d\\d/' })), 'ConflictException', 409);
  const list = await gw.client.send(new GetIntegrationResponsesCommand({ ApiId, IntegrationId: aws.IntegrationId }));
  assert.deepEqual(list.Items!.map((r) => r.IntegrationResponseKey), ['/2\\d\\d/']);
  await rejects(gw.client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN, PayloadFormatVersion: '2.0' })), 'BadRequestException', 400);
});

test('routes: keys, targets, duplicates, partial update, delete', async () => {
  const ApiId = await httpApi();
  const { IntegrationId } = await gw.client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN, PayloadFormatVersion: '2.0' }));
  const route = await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /users/{id}', Target: `integrations/${IntegrationId}` }));
  assert.match(route.RouteId!, /^[a-z0-9]{7}$/);
  assert.equal(route.AuthorizationType, 'NONE');
  assert.equal(route.ApiKeyRequired, false);
  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: '$default' }));
  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'ANY /files/{proxy+}' }));
  for (const key of ['GET', 'GET users', 'FETCH /a', 'GET /a/{proxy+}/b', 'GET /e{id}']) {
    await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: key })), 'BadRequestException', 400);
  }
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /users/{id}' })), 'ConflictException', 409);
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /x', Target: 'integrations/missing' })), 'BadRequestException', 400);
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /x', Target: 'lambda' })), 'BadRequestException', 400);

  const updated = await gw.client.send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId, RouteKey: 'POST /users/{id}' }));
  assert.equal(updated.RouteKey, 'POST /users/{id}');
  assert.equal(updated.Target, `integrations/${IntegrationId}`);

  await rejects(gw.client.send(new DeleteIntegrationCommand({ ApiId, IntegrationId })), 'ConflictException', 409);
  await gw.client.send(new DeleteRouteCommand({ ApiId, RouteId: route.RouteId }));
  await rejects(gw.client.send(new GetRouteCommand({ ApiId, RouteId: route.RouteId })), 'NotFoundException', 404);
  await gw.client.send(new DeleteIntegrationCommand({ ApiId, IntegrationId }));
  const { Items } = await gw.client.send(new GetRoutesCommand({ ApiId }));
  assert.deepEqual(Items!.map((r) => r.RouteKey).sort(), ['$default', 'ANY /files/{proxy+}']);
});

test('GetRoutes pages with MaxResults', async () => {
  const ApiId = await httpApi();
  for (const key of ['GET /a', 'GET /b', 'GET /c']) await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: key }));
  const first = await gw.client.send(new GetRoutesCommand({ ApiId, MaxResults: '2' }));
  assert.deepEqual(first.Items!.map((r) => r.RouteKey), ['GET /a', 'GET /b']);
  const second = await gw.client.send(new GetRoutesCommand({ ApiId, MaxResults: '2', NextToken: first.NextToken }));
  assert.deepEqual(second.Items!.map((r) => r.RouteKey), ['GET /c']);
  assert.equal(second.NextToken, undefined);
});

test('WebSocket routes, route responses and request parameters', async () => {
  const ApiId = await wsApi();
  for (const key of ['$connect', '$disconnect', '$default', 'sendMessage']) await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: key }));
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: '$custom' })), 'BadRequestException', 400);
  const route = await gw.client.send(
    new CreateRouteCommand({ ApiId, RouteKey: 'withParams', RequestParameters: { 'route.request.querystring.a': { Required: true }, 'route.request.header.b': { Required: false } } }),
  );
  await gw.client.send(new DeleteRouteRequestParameterCommand({ ApiId, RouteId: route.RouteId, RequestParameterKey: 'route.request.querystring.a' }));
  const got = await gw.client.send(new GetRouteCommand({ ApiId, RouteId: route.RouteId }));
  assert.deepEqual(got.RequestParameters, { 'route.request.header.b': { Required: false } });
  await rejects(gw.client.send(new DeleteRouteRequestParameterCommand({ ApiId, RouteId: route.RouteId, RequestParameterKey: 'nope' })), 'NotFoundException', 404);

  const rr = await gw.client.send(new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' }));
  assert.match(rr.RouteResponseId!, /^[a-z0-9]{7}$/);
  assert.equal(rr.RouteResponseKey, '$default');
  await rejects(gw.client.send(new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' })), 'ConflictException', 409);
  const list = await gw.client.send(new GetRouteResponsesCommand({ ApiId, RouteId: route.RouteId }));
  assert.equal(list.Items!.length, 1);
});
