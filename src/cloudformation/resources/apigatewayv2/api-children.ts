// The API Gateway v2 resources that live under an API or a domain name and are known by
// an id: Route, RouteResponse, Integration, IntegrationResponse, Authorizer, Model and
// ApiMapping. Ref and the one GetAtt attribute are that id.
import type { ResourceProperties } from '../../resource.ts';
import { apiChild, jsonText } from './common.ts';

/** CloudFormation writes an integration's response parameters as
 * {status: {ResponseParameters: [{Destination, Source}]}}; the API takes {status: {destination: source}}. */
function responseParameters(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, any>).map(([status, map]) => [
      status,
      Array.isArray(map?.ResponseParameters) ? Object.fromEntries(map.ResponseParameters.map((p: { Destination: string; Source: string }) => [p.Destination, p.Source])) : map,
    ]),
  );
}

export const route = apiChild({ type: 'AWS::ApiGatewayV2::Route', noun: 'Route', id: 'RouteId', parents: ['ApiId'], replaceOn: ['ApiId'] });

export const routeResponse = apiChild({
  type: 'AWS::ApiGatewayV2::RouteResponse',
  noun: 'RouteResponse',
  id: 'RouteResponseId',
  parents: ['ApiId', 'RouteId'],
  replaceOn: ['ApiId', 'RouteId'],
});

export const integration = apiChild({
  type: 'AWS::ApiGatewayV2::Integration',
  noun: 'Integration',
  id: 'IntegrationId',
  parents: ['ApiId'],
  replaceOn: ['ApiId'],
  input: (props: ResourceProperties) => ({ ...props, ResponseParameters: responseParameters(props.ResponseParameters) }),
});

export const integrationResponse = apiChild({
  type: 'AWS::ApiGatewayV2::IntegrationResponse',
  noun: 'IntegrationResponse',
  id: 'IntegrationResponseId',
  parents: ['ApiId', 'IntegrationId'],
  replaceOn: ['ApiId', 'IntegrationId'],
});

export const authorizer = apiChild({ type: 'AWS::ApiGatewayV2::Authorizer', noun: 'Authorizer', id: 'AuthorizerId', parents: ['ApiId'], replaceOn: ['ApiId'] });

export const model = apiChild({
  type: 'AWS::ApiGatewayV2::Model',
  noun: 'Model',
  id: 'ModelId',
  parents: ['ApiId'],
  replaceOn: ['ApiId'],
  input: (props: ResourceProperties) => ({ ...props, Schema: jsonText(props.Schema) }),
});

export const apiMapping = apiChild({
  type: 'AWS::ApiGatewayV2::ApiMapping',
  noun: 'ApiMapping',
  id: 'ApiMappingId',
  parents: ['DomainName'],
  replaceOn: ['DomainName'],
});
