// The API Gateway v2 resources that live under an API or a domain name and are known by
// an id: Route, RouteResponse, Integration, IntegrationResponse, Authorizer, Model and
// ApiMapping. Ref and the one GetAtt attribute are that id.
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

export const route = apiChild('Route', ['ApiId']);
export const routeResponse = apiChild('RouteResponse', ['ApiId', 'RouteId']);
export const integration = apiChild('Integration', ['ApiId'], (props) => ({ ...props, ResponseParameters: responseParameters(props.ResponseParameters) }));
export const integrationResponse = apiChild('IntegrationResponse', ['ApiId', 'IntegrationId']);
export const authorizer = apiChild('Authorizer', ['ApiId']);
export const model = apiChild('Model', ['ApiId'], (props) => ({ ...props, Schema: jsonText(props.Schema) }));
export const apiMapping = apiChild('ApiMapping', ['DomainName']);
