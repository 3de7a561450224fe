// The stage settings a template gives as properties (MethodSettings, AccessLogSetting, and
// a deployment's StageDescription) turned into UpdateStage patch operations, since
// CreateStage and CreateDeployment do not take them.
import type * as T from '../../../models/apigateway.types.ts';
import { escapeSegment, mapOps, scalarOps } from './patch-ops.ts';
import type { Props } from './props.ts';

/** Template member -> the patch path under "/{resource}/{method}/" and its reader. */
const METHOD_SETTING_FIELDS: [string, string, 'boolean' | 'integer' | 'number' | 'string'][] = [
  ['MetricsEnabled', 'metrics/enabled', 'boolean'],
  ['LoggingLevel', 'logging/loglevel', 'string'],
  ['DataTraceEnabled', 'logging/dataTrace', 'boolean'],
  ['ThrottlingBurstLimit', 'throttling/burstLimit', 'integer'],
  ['ThrottlingRateLimit', 'throttling/rateLimit', 'number'],
  ['CachingEnabled', 'caching/enabled', 'boolean'],
  ['CacheTtlInSeconds', 'caching/ttlInSeconds', 'integer'],
  ['CacheDataEncrypted', 'caching/dataEncrypted', 'boolean'],
];

/** A method setting's patch prefix. CloudFormation's ResourcePath is the JSON pointer form
 * ("/~1pets~1{id}", "/*" for every resource, "/" for the root); a plain path ("/pets") is
 * accepted too. */
export function methodSettingPrefix(resourcePath: string, httpMethod: string): string {
  let segment: string;
  if (resourcePath === '/*') segment = '*';
  else if (resourcePath.startsWith('/~1')) segment = resourcePath.slice(1);
  else segment = escapeSegment(resourcePath);
  return `/${segment}/${httpMethod}`;
}

/** prefix -> { patch path -> value } for a list of MethodSetting property objects. */
type SettingValues = Map<string, Record<string, string>>;

function valuesOf(setting: Props): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, path, kind] of METHOD_SETTING_FIELDS) {
    const value = setting[kind](name);
    if (value !== undefined) out[path] = String(value);
  }
  return out;
}

export function methodSettingValues(settings: Props[], stageWide?: Props): SettingValues {
  const out: SettingValues = new Map();
  // A deployment's StageDescription gives stage-wide values: the "*/*" setting.
  if (stageWide) {
    const values = valuesOf(stageWide);
    if (Object.keys(values).length) out.set(methodSettingPrefix('/*', '*'), values);
  }
  for (const setting of settings) {
    const prefix = methodSettingPrefix(setting.string('ResourcePath') ?? '/*', setting.string('HttpMethod') ?? '*');
    out.set(prefix, { ...out.get(prefix), ...valuesOf(setting) });
  }
  return out;
}

/** Removes settings no longer given; a changed setting is removed and written anew, so
 * members it no longer names return to their defaults. */
export function methodSettingOps(before: SettingValues, after: SettingValues): T.PatchOperation[] {
  const ops: T.PatchOperation[] = [];
  for (const prefix of before.keys()) if (!after.has(prefix)) ops.push({ op: 'remove', path: prefix });
  for (const [prefix, values] of after) {
    const old = before.get(prefix);
    if (old && JSON.stringify(old) === JSON.stringify(values)) continue;
    if (old) ops.push({ op: 'remove', path: prefix });
    for (const [path, value] of Object.entries(values)) ops.push({ op: 'replace', path: `${prefix}/${path}`, value });
  }
  return ops;
}

export function accessLogOps(before: Props | undefined, after: Props | undefined): T.PatchOperation[] {
  if (!after) return before ? [{ op: 'remove', path: '/accessLogSettings' }] : [];
  return [
    ...scalarOps('/accessLogSettings/destinationArn', before?.string('DestinationArn'), after.string('DestinationArn')),
    ...scalarOps('/accessLogSettings/format', before?.string('Format'), after.string('Format')),
  ];
}

/** A stage's canary settings (`CanarySetting`), for a stage serving `deploymentId` as canary. */
export function canaryOps(before: Props | undefined, after: Props | undefined, deploymentId?: string): T.PatchOperation[] {
  if (!after) return before ? [{ op: 'remove', path: '/canarySettings' }] : [];
  return [
    ...scalarOps('/canarySettings/deploymentId', before ? (before.string('DeploymentId') ?? deploymentId) : undefined, after.string('DeploymentId') ?? deploymentId),
    ...scalarOps('/canarySettings/percentTraffic', before?.number('PercentTraffic'), after.number('PercentTraffic'), 0),
    ...scalarOps('/canarySettings/useStageCache', before?.boolean('UseStageCache'), after.boolean('UseStageCache'), false),
    ...mapOps('/canarySettings/stageVariableOverrides', before?.stringMap('StageVariableOverrides'), after.stringMap('StageVariableOverrides')),
  ];
}

/** The settings both a Stage and a deployment's StageDescription give with the same names. */
export function commonStageOps(before: Props | undefined, after: Props): T.PatchOperation[] {
  return [
    ...scalarOps('/description', before?.string('Description'), after.string('Description')),
    ...scalarOps('/cacheClusterEnabled', before?.boolean('CacheClusterEnabled'), after.boolean('CacheClusterEnabled'), false),
    ...scalarOps('/cacheClusterSize', before?.string('CacheClusterSize'), after.string('CacheClusterSize') ?? before?.string('CacheClusterSize')),
    ...scalarOps('/tracingEnabled', before?.boolean('TracingEnabled'), after.boolean('TracingEnabled'), false),
    ...scalarOps('/clientCertificateId', before?.string('ClientCertificateId'), after.string('ClientCertificateId')),
    ...scalarOps('/documentationVersion', before?.string('DocumentationVersion'), after.string('DocumentationVersion')),
    ...mapOps('/variables', before?.stringMap('Variables'), after.stringMap('Variables')),
    ...accessLogOps(before?.object('AccessLogSetting'), after.object('AccessLogSetting')),
  ];
}
