// One template's expansion from SAM resources to plain CloudFormation, in SAM's order:
// Globals merged, layers renamed, functions and their events, then the APIs the events
// built. Errors are collected per resource and reported together, as SAM does.
import type { Template, TransformContext } from '../../transform.ts';
import { SamCause, SamTransformError, invalidResource } from './errors.ts';
import { checkEventReferences, expandEvents } from './events.ts';
import { Expansion } from './expansion.ts';
import { expandFunction } from './function.ts';
import { readGlobals, withGlobals } from './globals.ts';
import { expandHttpApi } from './http-api.ts';
import { expandLayer, layerLogicalId } from './layer.ts';
import { expandRestApi } from './rest-api.ts';
import { clone, isPlainObject } from './values.ts';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Serverless resource types SAM defines that localgate does not serve. */
export const UNSUPPORTED_TYPES = [
  'AWS::Serverless::Application', 'AWS::Serverless::SimpleTable', 'AWS::Serverless::StateMachine', 'AWS::Serverless::WebSocketApi',
  'AWS::Serverless::Connector', 'AWS::Serverless::GraphQLApi', 'AWS::Serverless::CapacityProvider',
];

/** Logical ids of the template's resources whose types localgate does not serve. */
export function unsupportedServerlessResources(template: Template): string[] {
  const resources = isPlainObject(template.Resources) ? template.Resources : {};
  return Object.keys(resources).filter((id) => UNSUPPORTED_TYPES.includes(resources[id]?.Type));
}

export interface Expanded {
  template: Template;
  /** One line per thing deployed differently from AWS (e.g. an event source localgate does not serve). */
  warnings: string[];
}

export function expandServerless(input: Template, ctx: TransformContext): Expanded {
  const template = clone(input);
  if (!isPlainObject(template.Resources)) throw new SamTransformError(["Structure of the SAM template is invalid. 'Resources' section is required"]);
  let globals;
  try {
    globals = readGlobals(template.Globals);
  } catch (e) {
    throw e instanceof SamCause ? new SamTransformError([e.message]) : e;
  }
  const resources: Record<string, any> = template.Resources;
  const x = new Expansion(ctx, resources, globals, isPlainObject(template.Parameters) ? template.Parameters : {});
  const causes: string[] = [];
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof SamCause)) throw e;
      causes.push(e.message);
    }
  };

  for (const id of unsupportedServerlessResources(template)) {
    causes.push(invalidResource(id, `localgate does not serve ${resources[id].Type} resources; tag the stack localgate:skip-unsupported=true to deploy without it.`).message);
  }
  const layerIds = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) {
    if (!isPlainObject(r)) {
      causes.push(invalidResource(id, 'Resource must be a map.').message);
      continue;
    }
    if (r.Type === 'AWS::Serverless::LayerVersion') {
      r.Properties = withGlobals(globals.LayerVersion, isPlainObject(r.Properties) ? r.Properties : {});
      layerIds.set(id, layerLogicalId(id, r));
    } else if (r.Type === 'AWS::Serverless::Api') x.registerApi('Api', id, r);
    else if (r.Type === 'AWS::Serverless::HttpApi') x.registerApi('HttpApi', id, r);
  }
  if (causes.length) throw new SamTransformError(causes);
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    attempt(() => checkEventReferences(x, id, withGlobals(globals.Function, isPlainObject(r.Properties) ? r.Properties : {}).Events));
  }
  if (causes.length) throw new SamTransformError(causes);

  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::Serverless::Function') {
      attempt(() => {
        const props = withGlobals(globals.Function, isPlainObject(r.Properties) ? r.Properties : {});
        const fn = expandFunction(x, id, r, props);
        expandEvents(x, fn, props.Events);
      });
    } else if (r.Type === 'AWS::Serverless::LayerVersion') attempt(() => expandLayer(x, id, layerIds.get(id)!, r));
    else if (r.Type !== 'AWS::Serverless::Api' && r.Type !== 'AWS::Serverless::HttpApi') attempt(() => x.add(id, r));
  }
  for (const api of x.apis.Api.values()) attempt(() => expandRestApi(x, api));
  for (const api of x.apis.HttpApi.values()) attempt(() => expandHttpApi(x, api));
  if (causes.length) throw new SamTransformError(causes);

  const renames = new Map([...layerIds, ...x.referenceable]);
  const output: Template = { ...template, Resources: renameRefs(x.resources, renames) };
  if (template.Outputs !== undefined) output.Outputs = renameRefs(template.Outputs, renames);
  delete output.Globals;
  const transforms = (Array.isArray(template.Transform) ? template.Transform : [template.Transform]).filter((t: unknown) => t !== undefined && t !== SAM_TRANSFORM);
  if (transforms.length) output.Transform = transforms;
  else delete output.Transform;
  return { template: output, warnings: x.warnings };
}

/**
 * References follow what SAM generated: a layer's `<Layer><hash>`, and SAM's referenceable
 * properties (`Ref: Fn.Alias`, `Fn.Version`, `Api.Stage`, `Api.Deployment`).
 */
function renameRefs<T>(value: T, renames: Map<string, string>): T {
  if (!renames.size) return value;
  const walk = (v: any): any => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    if (typeof v.Ref === 'string' && renames.has(v.Ref) && Object.keys(v).length === 1) return { Ref: renames.get(v.Ref) };
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && renames.has(getAtt[0]) && Object.keys(v).length === 1) return { 'Fn::GetAtt': [renames.get(getAtt[0]), ...getAtt.slice(1)] };
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, walk(e)]));
  };
  return walk(value);
}
