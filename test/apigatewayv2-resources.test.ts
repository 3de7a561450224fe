// End-to-end: API Gateway v2 authorizers, models, domain names and API mappings, VPC
// links and tags through the real SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateAuthorizerCommand,
  CreateDomainNameCommand,
  CreateModelCommand,
  CreateRouteCommand,
  CreateStageCommand,
  CreateVpcLinkCommand,
  DeleteApiCommand,
  DeleteAuthorizerCommand,
  DeleteDomainNameCommand,
  DeleteVpcLinkCommand,
  GetApiMappingsCommand,
  GetAuthorizerCommand,
  GetDomainNameCommand,
  GetModelsCommand,
  GetStageCommand,
  GetTagsCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAuthorizerCommand,
  UpdateModelCommand,
  UpdateRouteCommand,
  UpdateVpcLinkCommand,
} from '@aws-sdk/client-apigatewayv2';
import { rejectsWithStatus, useApiGatewayV2 } from './apigateway-setup.ts';

const gw = useApiGatewayV2();
const FN_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations';

const rejects = rejectsWithStatus;

const httpApi = async () => (await gw.client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }))).ApiId!;
const wsApi = async () => (await gw.client.send(new CreateApiCommand({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;

test('JWT and REQUEST authorizers are validated and attach to routes', async () => {
  const ApiId = await httpApi();
  const jwt = await gw.client.send(
    new CreateAuthorizerCommand({
      ApiId,
      Name: 'jwt',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://issuer.example', Audience: ['aud'] },
    }),
  );
  assert.match(jwt.AuthorizerId!, /^[a-z0-9]{6}$/);
  assert.deepEqual(jwt.JwtConfiguration, { Issuer: 'https://issuer.example', Audience: ['aud'] });
  await rejects(gw.client.send(new CreateAuthorizerCommand({ ApiId, Name: 'j', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] })), 'BadRequestException', 400);
  await rejects(
    gw.client.send(new CreateAuthorizerCommand({ ApiId, Name: 'j', AuthorizerType: 'JWT', IdentitySource: ['Authorization'], JwtConfiguration: { Issuer: 'https://i', Audience: ['a'] } })),
    'BadRequestException',
    400,
  );
  const lambda = await gw.client.send(
    new CreateAuthorizerCommand({ ApiId, Name: 'req', AuthorizerType: 'REQUEST', IdentitySource: ['$request.header.X-Token'], AuthorizerUri: FN_URI, AuthorizerPayloadFormatVersion: '2.0', EnableSimpleResponses: true }),
  );
  assert.equal(lambda.AuthorizerResultTtlInSeconds, 0);
  await rejects(gw.client.send(new CreateAuthorizerCommand({ ApiId, Name: 'r', AuthorizerType: 'REQUEST', IdentitySource: ['$request.header.X'], AuthorizerUri: FN_URI })), 'BadRequestException', 400);
  await rejects(
    gw.client.send(new CreateAuthorizerCommand({ ApiId, Name: 'r', AuthorizerType: 'REQUEST', IdentitySource: ['$request.header.X'], AuthorizerUri: FN_URI, AuthorizerPayloadFormatVersion: '1.0', EnableSimpleResponses: true })),
    'BadRequestException',
    400,
  );

  const route = await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /secure', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId, AuthorizationScopes: ['read'] }));
  assert.equal(route.AuthorizerId, jwt.AuthorizerId);
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /x', AuthorizationType: 'JWT', AuthorizerId: lambda.AuthorizerId })), 'BadRequestException', 400);
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /y', AuthorizationType: 'CUSTOM', AuthorizerId: 'nope12' })), 'BadRequestException', 400);
  await rejects(gw.client.send(new DeleteAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId })), 'ConflictException', 409);
  await gw.client.send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId, AuthorizationType: 'NONE' }));
  await gw.client.send(new DeleteAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId }));
  await rejects(gw.client.send(new GetAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId })), 'NotFoundException', 404);

  const renamed = await gw.client.send(new UpdateAuthorizerCommand({ ApiId, AuthorizerId: lambda.AuthorizerId, Name: 'renamed' }));
  assert.equal(renamed.Name, 'renamed');
  assert.equal(renamed.AuthorizerUri, FN_URI);
});

test('WebSocket authorizers: REQUEST only, on $connect routes', async () => {
  const ApiId = await wsApi();
  await rejects(
    gw.client.send(new CreateAuthorizerCommand({ ApiId, Name: 'j', AuthorizerType: 'JWT', IdentitySource: ['route.request.header.Auth'], JwtConfiguration: { Issuer: 'https://i', Audience: ['a'] } })),
    'BadRequestException',
    400,
  );
  const auth = await gw.client.send(new CreateAuthorizerCommand({ ApiId, Name: 'r', AuthorizerType: 'REQUEST', IdentitySource: ['route.request.header.Auth'], AuthorizerUri: FN_URI }));
  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: auth.AuthorizerId }));
  await rejects(gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'msg', AuthorizationType: 'CUSTOM', AuthorizerId: auth.AuthorizerId })), 'BadRequestException', 400);
});

test('models: WebSocket only, unique names, JSON schemas', async () => {
  await rejects(gw.client.send(new CreateModelCommand({ ApiId: await httpApi(), Name: 'M', Schema: '{}' })), 'BadRequestException', 400);
  const ApiId = await wsApi();
  const model = await gw.client.send(new CreateModelCommand({ ApiId, Name: 'Pet', Schema: '{"type":"object"}', ContentType: 'application/json' }));
  assert.match(model.ModelId!, /^[a-z0-9]{7}$/);
  await rejects(gw.client.send(new CreateModelCommand({ ApiId, Name: 'Pet', Schema: '{}' })), 'ConflictException', 409);
  await rejects(gw.client.send(new CreateModelCommand({ ApiId, Name: 'Bad', Schema: 'not json' })), 'BadRequestException', 400);
  const updated = await gw.client.send(new UpdateModelCommand({ ApiId, ModelId: model.ModelId, Description: 'a pet' }));
  assert.equal(updated.Schema, '{"type":"object"}');
  assert.equal(updated.Description, 'a pet');
  assert.equal((await gw.client.send(new GetModelsCommand({ ApiId }))).Items!.length, 1);
});

test('domain names and API mappings', async () => {
  const ApiId = await httpApi();
  await gw.client.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
  const domain = await gw.client.send(new CreateDomainNameCommand({ DomainName: 'api.example.com', DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' }] }));
  assert.equal(domain.DomainNameConfigurations![0].EndpointType, 'REGIONAL');
  assert.equal(domain.DomainNameConfigurations![0].DomainNameStatus, 'AVAILABLE');
  assert.equal(domain.ApiMappingSelectionExpression, '$request.basepath');
  // Found by running moto's test suite against localgate: v2 domain names carry their ARN.
  assert.equal(domain.DomainNameArn, 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com');
  assert.equal((await gw.client.send(new GetDomainNameCommand({ DomainName: 'api.example.com' }))).DomainNameArn, domain.DomainNameArn);
  await rejects(gw.client.send(new CreateDomainNameCommand({ DomainName: 'api.example.com' })), 'ConflictException', 409);
  const mapping = await gw.client.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId, Stage: 'prod', ApiMappingKey: 'v1' }));
  assert.equal(mapping.ApiMappingKey, 'v1');
  await rejects(gw.client.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId, Stage: 'prod', ApiMappingKey: 'v1' })), 'ConflictException', 409);
  await rejects(gw.client.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId, Stage: 'nope', ApiMappingKey: 'v2' })), 'NotFoundException', 404);
  assert.equal((await gw.client.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }))).Items!.length, 1);
  await gw.client.send(new DeleteDomainNameCommand({ DomainName: 'api.example.com' }));
  await rejects(gw.client.send(new GetDomainNameCommand({ DomainName: 'api.example.com' })), 'NotFoundException', 404);
});

test('DeleteApi removes the API mappings that point at the API', async () => {
  const kept = await httpApi();
  const deleted = await httpApi();
  for (const ApiId of [kept, deleted]) await gw.client.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
  await gw.client.send(new CreateDomainNameCommand({ DomainName: 'gone.example.com' }));
  await gw.client.send(new CreateApiMappingCommand({ DomainName: 'gone.example.com', ApiId: kept, Stage: 'prod', ApiMappingKey: 'a' }));
  await gw.client.send(new CreateApiMappingCommand({ DomainName: 'gone.example.com', ApiId: deleted, Stage: 'prod', ApiMappingKey: 'b' }));
  await gw.client.send(new DeleteApiCommand({ ApiId: deleted }));
  const left = (await gw.client.send(new GetApiMappingsCommand({ DomainName: 'gone.example.com' }))).Items!;
  assert.deepEqual(left.map((m) => [m.ApiId, m.ApiMappingKey]), [[kept, 'a']]);
});

test('VPC links are stored', async () => {
  const link = await gw.client.send(new CreateVpcLinkCommand({ Name: 'vl', SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] }));
  assert.equal(link.VpcLinkStatus, 'AVAILABLE');
  assert.equal(link.VpcLinkVersion, 'V2');
  assert.equal((await gw.client.send(new UpdateVpcLinkCommand({ VpcLinkId: link.VpcLinkId, Name: 'renamed' }))).Name, 'renamed');
  assert.deepEqual((await gw.client.send(new GetVpcLinkCommand({ VpcLinkId: link.VpcLinkId }))).SubnetIds, ['subnet-1']);
  assert.equal((await gw.client.send(new GetVpcLinksCommand({}))).Items!.length, 1);
  await gw.client.send(new DeleteVpcLinkCommand({ VpcLinkId: link.VpcLinkId }));
  await rejects(gw.client.send(new GetVpcLinkCommand({ VpcLinkId: link.VpcLinkId })), 'NotFoundException', 404);
});

test('tags by ARN on APIs and stages', async () => {
  const ApiId = await httpApi();
  await gw.client.send(new CreateStageCommand({ ApiId, StageName: 'prod', Tags: { a: '1' } }));
  const apiArn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}`;
  const stageArn = `${apiArn}/stages/prod`;
  await gw.client.send(new TagResourceCommand({ ResourceArn: apiArn, Tags: { owner: 'me', env: 'dev' } }));
  await gw.client.send(new UntagResourceCommand({ ResourceArn: apiArn, TagKeys: ['env'] }));
  assert.deepEqual((await gw.client.send(new GetTagsCommand({ ResourceArn: apiArn }))).Tags, { owner: 'me' });
  await gw.client.send(new TagResourceCommand({ ResourceArn: stageArn, Tags: { b: '2' } }));
  assert.deepEqual((await gw.client.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).Tags, { a: '1', b: '2' });
  await rejects(gw.client.send(new GetTagsCommand({ ResourceArn: 'arn:aws:apigateway:us-east-1::/apis/missing0000' })), 'NotFoundException', 404);
  await rejects(gw.client.send(new GetTagsCommand({ ResourceArn: 'not-an-arn' })), 'BadRequestException', 400);
});
