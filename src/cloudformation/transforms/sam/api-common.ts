// What the expansions of SAM's two API kinds (Api: rest-api.ts, HttpApi: http-api.ts) share:
// the Lambda permission each event adds and the identity sources of a Lambda authorizer.
import { invalidResource } from './errors.ts';
import type { ApiModel, ApiRoute, Expansion } from './expansion.ts';
import { listProperty, ref, sub } from './values.ts';

/**
 * The AWS::Lambda::Permission letting API Gateway invoke an event's function for `method`
 * (`*` for any) on `path` (as `permissionPath` writes it) of the API, on every stage.
 * `partition` is how the SourceArn names it: SAM resolves it for REST APIs and leaves
 * `${AWS::Partition}` for HTTP APIs.
 */
export function addInvokePermission(x: Expansion, logicalId: string, api: ApiModel, route: ApiRoute, target: { partition: string; method: string; path: string }) {
  const { partition, method, path } = target;
  x.add(logicalId, {
    Type: 'AWS::Lambda::Permission',
    ...route.fn.attributes,
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: ref(route.fn.targetId),
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sub(`arn:${partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${path}`, { __ApiId__: ref(api.logicalId), __Stage__: '*' }),
    },
  });
}

/** A path as permission ARNs write it: no trailing slash, `{param}` and `{proxy+}` as `*`. */
export function permissionPath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  return trimmed.replace(/\{([a-zA-Z0-9._-]+\+?)\}/g, '*');
}

/** The lists of a Lambda authorizer's Identity that name identity sources, in SAM's order. */
const IDENTITY_SECTIONS = ['Headers', 'QueryStrings', 'StageVariables', 'Context'] as const;

/** How an API kind writes an identity source of each section. */
export type IdentityPrefixes = Record<(typeof IDENTITY_SECTIONS)[number], string>;

/** A Lambda authorizer's Identity (Headers, QueryStrings, StageVariables, Context lists) as identity sources. */
export function identitySources(api: ApiModel, authorizerName: string, identity: Record<string, unknown>, prefixes: IdentityPrefixes): string[] {
  return IDENTITY_SECTIONS.flatMap((key) =>
    listProperty(identity[key], api.logicalId, `Auth.Authorizers.${authorizerName}.Identity.${key}`, invalidResource).map((v) => `${prefixes[key]}${v}`),
  );
}
