// The Globals section: properties shared by every resource of a kind, merged into each as the
// SAM specification documents it (a resource's own value wins for scalars, maps merge key by
// key with the resource's keys winning, lists are the global items followed by the
// resource's, and an intrinsic function on either side is replaced, not merged).
import { invalidGlobals, pythonList } from './errors.ts';
import { isIntrinsic, isPlainObject } from './values.ts';

/** The sections SAM accepts in Globals, and the properties each may set (SAM's own lists). */
const ALLOWED: Record<string, readonly string[]> = {
  Api: ['Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables', 'EndpointConfiguration', 'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses', 'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion', 'Domain', 'AlwaysDeploy', 'PropagateTags', 'SecurityPolicy', 'EndpointAccessMode'],
  CapacityProvider: [],
  Function: ['Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs', 'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn', 'TenancyConfig', 'DurableConfig', 'CapacityProviderConfig', 'FunctionScalingConfig', 'PublishToLatestPublished', 'VersionDeletionPolicy'],
  HttpApi: ['Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain', 'RouteSettings', 'FailOnWarnings', 'PropagateTags'],
  LayerVersion: ['PublishLambdaVersion'],
  SimpleTable: ['SSESpecification'],
  StateMachine: [],
  WebSocketApi: [],
};

export type Globals = Record<string, Record<string, unknown>>;

/** Validates the Globals section; throws SAM's error for a section or property it refuses. */
export function readGlobals(section: unknown): Globals {
  if (section === undefined) return {};
  if (!isPlainObject(section)) throw invalidGlobals('Globals must be a map.');
  const sections = Object.keys(ALLOWED).sort();
  for (const [name, props] of Object.entries(section)) {
    const allowed = ALLOWED[name];
    if (!allowed) throw invalidGlobals(`'${name}' is not supported. Must be one of the following values - ${pythonList(sections)}`);
    if (!isPlainObject(props)) throw invalidGlobals(`'${name}' must be a map.`);
    for (const prop of Object.keys(props)) {
      if (!allowed.includes(prop)) {
        throw invalidGlobals(`'${prop}' is not a supported property of '${name}'. Must be one of the following values - ${pythonList(allowed)}`);
      }
    }
  }
  return section as Globals;
}

/** A resource's properties with the section's globals merged in (a new object; inputs untouched). */
export function withGlobals(globals: Record<string, unknown> | undefined, props: Record<string, unknown>): Record<string, unknown> {
  if (!globals) return props;
  return merge(globals, props) as Record<string, unknown>;
}

function merge(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (isIntrinsic(global) || isIntrinsic(local)) return local;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isPlainObject(global) && isPlainObject(local)) {
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = merge(global[k], v);
    return out;
  }
  return local;
}
