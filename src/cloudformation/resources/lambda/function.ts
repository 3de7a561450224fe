// AWS::Lambda::Function -> CreateFunction (then PutFunctionConcurrency), updates through
// UpdateFunctionConfiguration / UpdateFunctionCode / tags / concurrency. Ref is the name.
import type { FunctionConfiguration } from '../../../models/lambda.types.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';
import { call, changed, ignoreNotFound } from '../service-call.ts';
import { inlineZip } from './inline-code.ts';

/** Settings CloudFormation resets when a template drops them (Lambda's defaults). */
const DEFAULTS: Record<string, unknown> = {
  Description: '',
  Environment: { Variables: {} },
  Layers: [],
  Timeout: 3,
  MemorySize: 128,
  TracingConfig: { Mode: 'PassThrough' },
  KMSKeyArn: '',
  DeadLetterConfig: { TargetArn: '' },
  VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
  FileSystemConfigs: [],
  EphemeralStorage: { Size: 512 },
};

/** Code as the template gives it -> Lambda's FunctionCode (inline text becomes a zip). */
function functionCode(code: Record<string, unknown> | undefined, runtime: string | undefined): Record<string, unknown> | undefined {
  if (!code || typeof code !== 'object') return code;
  if (typeof code.ZipFile === 'string') return { ZipFile: inlineZip(code.ZipFile, runtime) };
  return code;
}

/** CloudFormation's tag list [{Key, Value}] -> Lambda's tag map. */
function tagMap(tags: unknown): Record<string, string> {
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(tags.map((t: { Key: unknown; Value: unknown }) => [String(t.Key), String(t.Value ?? '')]));
}

/** The tags CloudFormation puts on every function it creates, beside the template's. */
const systemTags = (ctx: ResourceContext) => ({
  'aws:cloudformation:stack-name': ctx.stackName,
  'aws:cloudformation:stack-id': ctx.stackId,
  'aws:cloudformation:logical-id': ctx.logicalId,
});

function result(config: FunctionConfiguration): ResourceResult {
  const snapStart = { ApplyOn: config.SnapStart?.ApplyOn ?? 'None', OptimizationStatus: config.SnapStart?.OptimizationStatus ?? 'Off' };
  return {
    physicalId: config.FunctionName!,
    attributes: {
      Arn: config.FunctionArn,
      SnapStartResponse: snapStart,
      'SnapStartResponse.ApplyOn': snapStart.ApplyOn,
      'SnapStartResponse.OptimizationStatus': snapStart.OptimizationStatus,
    },
  };
}

async function putConcurrency(ctx: ResourceContext, name: string, reserved: unknown) {
  if (reserved === undefined || reserved === null) await ignoreNotFound(() => call(ctx, 'lambda', 'deleteFunctionConcurrency', { FunctionName: name }));
  else await call(ctx, 'lambda', 'putFunctionConcurrency', { FunctionName: name, ReservedConcurrentExecutions: reserved });
}

export const lambdaFunction: ResourceType = {
  type: 'AWS::Lambda::Function',
  replaceOn: ['FunctionName', 'PackageType', 'TenancyConfig'],

  async create(props: ResourceProperties, ctx: ResourceContext) {
    const name = props.FunctionName ?? ctx.generateName(64);
    const config = await call(ctx, 'lambda', 'createFunction', {
      ...props,
      FunctionName: name,
      Code: functionCode(props.Code, props.Runtime),
      Tags: { ...tagMap(props.Tags), ...systemTags(ctx) },
    });
    try {
      if (props.ReservedConcurrentExecutions !== undefined) await putConcurrency(ctx, name, props.ReservedConcurrentExecutions);
    } catch (err) {
      await call(ctx, 'lambda', 'deleteFunction', { FunctionName: name });
      throw err;
    }
    return result(config);
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const settings: Record<string, unknown> = { ...newProps, FunctionName: physicalId };
    for (const [key, value] of Object.entries(DEFAULTS)) if (settings[key] === undefined && oldProps[key] !== undefined) settings[key] = value;
    let config = await call(ctx, 'lambda', 'updateFunctionConfiguration', settings);
    if (changed(oldProps, newProps, 'Code') || changed(oldProps, newProps, 'Architectures') || (newProps.Code?.ZipFile && changed(oldProps, newProps, 'Runtime'))) {
      config = await call(ctx, 'lambda', 'updateFunctionCode', {
        FunctionName: physicalId,
        ...functionCode(newProps.Code, newProps.Runtime),
        Architectures: newProps.Architectures,
      });
    }
    if (changed(oldProps, newProps, 'Tags')) {
      const before = tagMap(oldProps.Tags);
      const after = tagMap(newProps.Tags);
      const removed = Object.keys(before).filter((k) => !(k in after));
      if (removed.length) await call(ctx, 'lambda', 'untagResource', { Resource: config.FunctionArn, TagKeys: removed });
      await call(ctx, 'lambda', 'tagResource', { Resource: config.FunctionArn, Tags: { ...after, ...systemTags(ctx) } });
    }
    if (changed(oldProps, newProps, 'ReservedConcurrentExecutions')) await putConcurrency(ctx, physicalId, newProps.ReservedConcurrentExecutions);
    return result(config);
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'lambda', 'deleteFunction', { FunctionName: physicalId }));
  },
};
