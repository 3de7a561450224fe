// AWS::Serverless::Function -> AWS::Lambda::Function and what SAM generates beside it: the
// execution role, the version and alias of AutoPublishAlias, the function URL and its
// permissions, the event invoke config. Events are expanded by events.ts.
import { s3Location } from './code.ts';
import { invalidResource } from './errors.ts';
import { idHash } from './hash.ts';
import { functionRole } from './role.ts';
import type { Expansion } from './expansion.ts';
import { copyDefined, getAtt, isPlainObject, ref, resolveParameterRefs, tagList } from './values.ts';

/** Properties copied to AWS::Lambda::Function as they are. */
const PASS_THROUGH = [
  'Handler', 'Runtime', 'Description', 'MemorySize', 'Timeout', 'Role', 'FunctionName', 'Environment', 'VpcConfig', 'KmsKeyArn',
  'Layers', 'ReservedConcurrentExecutions', 'Architectures', 'EphemeralStorage', 'PackageType', 'ImageConfig', 'FileSystemConfigs',
  'CodeSigningConfigArn', 'SnapStart', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop',
];

/** Resource attributes SAM copies onto every resource it generates for a SAM resource. */
export function passThroughAttributes(resource: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyDefined(out, resource, ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy']);
  return out;
}

/** What events and APIs need to know about an expanded function. */
export interface ExpandedFunction {
  logicalId: string;
  /** The function's or its alias's logical id: what permissions and integrations target. */
  targetId: string;
  /** `${F.Arn}` or `${FAliaslive}` inside an integration URI's Fn::Sub. */
  arnSubVariable: string;
  attributes: Record<string, unknown>;
}

export function expandFunction(x: Expansion, logicalId: string, resource: Record<string, any>, props: Record<string, any>): ExpandedFunction {
  const attributes = passThroughAttributes(resource);
  const fn: Record<string, unknown> = {};
  copyDefined(fn, props, PASS_THROUGH);
  fn.Code = functionCode(logicalId, props);
  if (props.Tracing !== undefined) fn.TracingConfig = { Mode: props.Tracing };
  if (isPlainObject(props.DeadLetterQueue)) fn.DeadLetterConfig = { TargetArn: props.DeadLetterQueue.TargetArn };
  fn.Tags = tagList('lambda:createdBy', props.Tags);
  if (props.Role === undefined) {
    const { role, warnings } = functionRole(logicalId, props, x.partition);
    x.add(`${logicalId}Role`, { ...role, ...attributes });
    x.warnings.push(...warnings);
    fn.Role = getAtt(`${logicalId}Role`, 'Arn');
  }
  const functionResource: Record<string, unknown> = { Type: 'AWS::Lambda::Function', Properties: fn, ...attributes };
  copyDefined(functionResource, resource, ['DependsOn', 'Metadata']);
  x.add(logicalId, functionResource);

  let targetId = logicalId;
  let aliasName: string | undefined;
  if (props.AutoPublishAlias !== undefined) {
    aliasName = aliasNameOf(x, logicalId, props.AutoPublishAlias);
    targetId = publishAlias(x, logicalId, props, fn.Code as Record<string, unknown>, aliasName, attributes);
  }
  if (props.DeploymentPreference !== undefined) {
    x.warnings.push(`${logicalId}: DeploymentPreference is skipped: localgate does not serve CodeDeploy; new versions take all traffic at once`);
    codeDeployApplication(x, props.DeploymentPreference);
  }
  if (props.FunctionUrlConfig !== undefined) functionUrl(x, logicalId, targetId, props.FunctionUrlConfig, attributes);
  if (props.EventInvokeConfig !== undefined) eventInvokeConfig(x, logicalId, props.EventInvokeConfig, aliasName, attributes);
  return { logicalId, targetId, arnSubVariable: targetId === logicalId ? `${logicalId}.Arn` : targetId, attributes };
}

const CODE_DEPLOY_APPLICATION = 'ServerlessDeploymentApplication';

/**
 * The CodeDeploy application SAM creates for enabled DeploymentPreferences, added only when the
 * template's own resources name it (traffic hooks' policies do): the engine then reports its
 * type as one localgate lacks, or skips it and what reads it under skip-unsupported, rather
 * than the template failing on a reference SAM would have resolved.
 */
function codeDeployApplication(x: Expansion, preference: unknown) {
  if (isPlainObject(preference) && preference.Enabled === false) return;
  if (x.resources[CODE_DEPLOY_APPLICATION] !== undefined || !JSON.stringify(x.input).includes(CODE_DEPLOY_APPLICATION)) return;
  x.add(CODE_DEPLOY_APPLICATION, { Type: 'AWS::CodeDeploy::Application', Properties: { ComputePlatform: 'Lambda' } });
}

function functionCode(logicalId: string, props: Record<string, any>): Record<string, unknown> {
  if (props.InlineCode !== undefined) return { ZipFile: props.InlineCode };
  if (props.ImageUri !== undefined) return { ImageUri: props.ImageUri };
  if (props.CodeUri === undefined) throw invalidResource(logicalId, "Only one of 'InlineCode' or 'CodeUri' can be set.");
  return { ...s3Location(logicalId, 'CodeUri', props.CodeUri) };
}

function aliasNameOf(x: Expansion, logicalId: string, value: unknown): string {
  const name = resolveParameterRefs(value, x.parameterValues);
  if (typeof name !== 'string') {
    throw invalidResource(logicalId, "'AutoPublishAlias' must be a string or a Ref to a template parameter");
  }
  if (!/^(?![0-9]+$)[a-zA-Z0-9_-]+/.test(name)) {
    throw invalidResource(logicalId, `AutoPublishAlias name ('${name}') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.`);
  }
  return name;
}

/** `<F>Alias<Name>`, hyphens written as D and underscores as U so the id stays alphanumeric. */
function aliasLogicalId(logicalId: string, alias: string): string {
  return `${logicalId}Alias${alias.replaceAll('-', 'D').replaceAll('_', 'U')}`;
}

/** `<F>Version<hash>` (kept on delete, a new one whenever the code, environment or memory changes) and `<F>Alias<Name>`. */
function publishAlias(x: Expansion, logicalId: string, props: Record<string, any>, code: Record<string, unknown>, alias: string, attributes: Record<string, unknown>): string {
  const hashed: Record<string, unknown> = { ...(resolveParameterRefs(code, x.parameterValues) as Record<string, unknown>) };
  if (isPlainObject(props.Environment)) Object.assign(hashed, props.Environment);
  if (props.MemorySize !== undefined) hashed.MemorySize = props.MemorySize;
  const codeSha = props.AutoPublishCodeSha256;
  const sha = typeof codeSha === 'string' ? codeSha.slice(0, 10) : idHash(hashed);
  // SAM writes AutoPublishCodeSha256 into the function's description, so the function itself changes too.
  if (typeof codeSha === 'string') {
    const description = resolveParameterRefs(props.Description, x.parameterValues);
    const fn = (x.resources[logicalId] as { Properties: Record<string, unknown> }).Properties;
    if (description === undefined) fn.Description = codeSha;
    else fn.Description = typeof description === 'string' ? `${description} ${codeSha}` : { 'Fn::Join': [' ', [description, codeSha]] };
  }
  const versionId = `${logicalId}Version${sha}`;
  const version: Record<string, unknown> = { FunctionName: ref(logicalId) };
  if (props.VersionDescription !== undefined) version.Description = props.VersionDescription;
  x.add(versionId, { Type: 'AWS::Lambda::Version', ...attributes, DeletionPolicy: props.VersionDeletionPolicy ?? 'Retain', Properties: version });
  const aliasId = aliasLogicalId(logicalId, alias);
  x.referenceable.set(`${logicalId}.Version`, versionId);
  x.referenceable.set(`${logicalId}.Alias`, aliasId);
  x.add(aliasId, {
    Type: 'AWS::Lambda::Alias',
    ...attributes,
    Properties: {
      Name: alias,
      FunctionName: ref(logicalId),
      FunctionVersion: getAtt(versionId, 'Version'),
      ...(props.ProvisionedConcurrencyConfig !== undefined ? { ProvisionedConcurrencyConfig: props.ProvisionedConcurrencyConfig } : {}),
    },
  });
  return aliasId;
}

function functionUrl(x: Expansion, logicalId: string, targetId: string, config: unknown, attributes: Record<string, unknown>) {
  if (!isPlainObject(config) || config.AuthType === undefined) throw invalidResource(logicalId, 'AuthType is required to configure function property `FunctionUrlConfig`. Please provide either AWS_IAM or NONE.');
  const url: Record<string, unknown> = { AuthType: config.AuthType, TargetFunctionArn: ref(targetId) };
  if (config.Cors !== undefined) url.Cors = config.Cors;
  if (config.InvokeMode !== undefined) url.InvokeMode = config.InvokeMode;
  x.add(`${logicalId}Url`, { Type: 'AWS::Lambda::Url', ...attributes, Properties: url });
  if (config.AuthType === 'NONE') {
    x.add(`${logicalId}UrlPublicPermissions`, {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: { Action: 'lambda:InvokeFunctionUrl', FunctionName: ref(targetId), FunctionUrlAuthType: 'NONE', Principal: '*' },
    });
    x.add(`${logicalId}URLInvokeAllowPublicAccess`, {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: ref(targetId), InvokedViaFunctionUrl: true, Principal: '*' },
    });
  }
}

function eventInvokeConfig(x: Expansion, logicalId: string, config: unknown, alias: string | undefined, attributes: Record<string, unknown>) {
  if (!isPlainObject(config)) throw invalidResource(logicalId, "Property 'EventInvokeConfig' should be a map.");
  const destinations: Record<string, unknown> = {};
  if (isPlainObject(config.DestinationConfig)) {
    for (const when of ['OnSuccess', 'OnFailure']) {
      const d = config.DestinationConfig[when];
      if (isPlainObject(d) && d.Destination !== undefined) destinations[when] = { Destination: d.Destination };
    }
  }
  const props: Record<string, unknown> = { FunctionName: ref(logicalId), Qualifier: alias ?? '$LATEST', DestinationConfig: destinations };
  copyDefined(props, config, ['MaximumEventAgeInSeconds', 'MaximumRetryAttempts']);
  const resource: Record<string, unknown> = { Type: 'AWS::Lambda::EventInvokeConfig', ...attributes, Properties: props };
  if (alias) resource.DependsOn = [aliasLogicalId(logicalId, alias)];
  x.add(`${logicalId}EventInvokeConfig`, resource);
}
