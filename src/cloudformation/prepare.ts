// From a template body and the caller's parameters to everything a stack operation needs,
// checked before anything is created: transforms applied, sections valid, parameters and
// rules satisfied, conditions evaluated, the dependency graph free of cycles and dangling refs.
import { checkRules, evaluateConditions } from './conditions.ts';
import { formatError, validationError } from './errors.ts';
import { checkFunctions, checkOutputs, dependencyGraph, topologicalOrder, type Dependencies } from './graph.ts';
import { resolve, type EvalContext, type PseudoParameters } from './intrinsics.ts';
import { resolveParameters, type ParameterInput, type ResolvedParameters } from './parameters.ts';
import { resolveDynamicReferences, type ReadSsmParameter } from './ssm-references.ts';
import { checkPolicy, declaredTransforms, parseTemplate, validateSections, type Template } from './template.ts';
import type { Transform } from './transform.ts';
import { expandIncludes, INCLUDE, readSnippet, type ReadS3Text } from './transforms/include.ts';
import { expandForEach, LANGUAGE_EXTENSIONS } from './transforms/language-extensions.ts';
import { serverlessTransform, unsupportedServerlessResources, WARNINGS_METADATA_KEY } from './transforms/sam/index.ts';

export const SERVERLESS = 'AWS::Serverless-2016-10-31';

export interface PreparedTemplate {
  /** The template as the caller sent it (GetTemplate's Original stage). */
  body: string;
  /** After transforms (GetTemplate's Processed stage). */
  template: Template;
  transforms: string[];
  parameters: ResolvedParameters;
  conditions: Record<string, boolean>;
  /** Resources whose Condition holds, in dependency order. */
  order: string[];
  deps: Dependencies;
  languageExtensions: boolean;
  /** What deploys differently from AWS (from transforms), one line each. */
  warnings: string[];
}

export interface PrepareInput {
  body: string;
  parameters?: ParameterInput[];
  /** The stack's current parameter values, for UsePreviousValue. */
  previousParameters?: Record<string, string>;
  pseudo: PseudoParameters;
  /** Replaces built-in transforms (tests stand in for the SAM transform). */
  transforms?: Record<string, Transform>;
  /** Leave out resources of types localgate does not serve (SAM ones before the SAM transform runs). */
  skipUnsupported?: boolean;
  /** Reads the stack's Parameter Store (SSM parameter types, {{resolve:ssm:...}} references). */
  readSsm?: ReadSsmParameter;
  /** Reads an object from localgate's S3 (AWS::Include s3:// locations). */
  readS3?: ReadS3Text;
}


/** Parses and transforms a body, without parameters: what GetTemplateSummary and ValidateTemplate read. */
export function parseAndCheck(body: string): Template {
  const template = parseTemplate(body);
  validateSections(template, true);
  return template;
}

export async function prepareTemplate(input: PrepareInput): Promise<PreparedTemplate> {
  const original = parseAndCheck(input.body);
  const parameters = resolveParameters(original.Parameters, input.parameters, input.previousParameters, input.readSsm);
  const transforms = declaredTransforms(original);
  const languageExtensions = transforms.includes(LANGUAGE_EXTENSIONS);
  const base = { parameters: parameters.values, pseudo: input.pseudo, mappings: original.Mappings ?? {}, importValue: noImports, languageExtensions };

  let template = await expandIncludes(original, input.readS3);
  const warnings: string[] = [];
  for (const entry of [template.Transform ?? []].flat()) {
    const name = typeof entry === 'string' ? entry : entry?.Name;
    if (name === LANGUAGE_EXTENSIONS) {
      template = expandForEach(template, (value) => resolve(value, { ...base, condition: () => undefined, resource: noResources }));
    } else if (name === INCLUDE) {
      template = { ...template, ...((await readSnippet(entry?.Parameters?.Location, input.readS3)) as Template) };
    } else if (name === SERVERLESS) {
      if (input.skipUnsupported) template = dropUnsupportedServerless(template, warnings);
      const sam = input.transforms?.[SERVERLESS] ?? serverlessTransform;
      template = await sam(template, {
        account: input.pseudo.AccountId, region: input.pseudo.Region, stackName: input.pseudo.StackName, parameters: parameters.given,
      });
      warnings.push(...takeWarnings(template));
    } else {
      throw validationError(`Template format error: No transform named ${String(name)} found.`);
    }
  }
  delete template.Transform;
  validateSections(template);
  // Dynamic references are read once, when the operation starts, as CloudFormation does.
  template = { ...template, Resources: resolveDynamicReferences(template.Resources, input.readSsm) };

  checkFunctions({ ...template, Rules: undefined }, languageExtensions);
  const conditions = evaluateConditions(template.Conditions, base);
  const condition = (name: string) => (Object.hasOwn(conditions, name) ? conditions[name] : undefined);
  const ctx: EvalContext = { ...base, condition, resource: noResources };
  checkRules(template.Rules, ctx, parameters.types);

  const included = new Set<string>();
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    if (resource.Condition === undefined) { included.add(id); continue; }
    if (typeof resource.Condition !== 'string') throw formatError(`Every Condition member must be a string; resource ${id}'s is not`);
    const value = condition(resource.Condition);
    if (value === undefined) throw formatError(`Unresolved dependencies [${resource.Condition}]. Cannot find condition ${resource.Condition} for resource ${id}`);
    if (value) included.add(id);
  }
  checkMappingLookups(template, included, ctx);
  resolvePolicies(template, included, ctx);
  const parameterNames = new Set(Object.keys(parameters.values));
  const deps = dependencyGraph({ template, included, parameters: parameterNames, condition });
  checkOutputs(template, included, parameterNames, condition);
  return { body: input.body, template, transforms, parameters, conditions, order: topologicalOrder(deps), deps, languageExtensions, warnings };
}

function dropUnsupportedServerless(template: Template, warnings: string[]): Template {
  const resources = { ...template.Resources };
  for (const id of unsupportedServerlessResources(template)) {
    warnings.push(`Skipped ${id}: localgate does not support resource type ${resources[id].Type}`);
    delete resources[id];
  }
  return { ...template, Resources: resources };
}

function takeWarnings(template: Template): string[] {
  const warnings = template.Metadata?.[WARNINGS_METADATA_KEY];
  if (warnings === undefined) return [];
  delete template.Metadata[WARNINGS_METADATA_KEY];
  if (!Object.keys(template.Metadata).length) delete template.Metadata;
  return Array.isArray(warnings) ? warnings.map(String) : [String(warnings)];
}

/** DeletionPolicy and UpdateReplacePolicy may be intrinsic functions of parameters and conditions: resolved here, once. */
function resolvePolicies(template: Template, included: Set<string>, ctx: EvalContext): void {
  for (const id of included) {
    const resource = template.Resources[id];
    for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
      if (resource[policy] === null || typeof resource[policy] !== 'object') continue;
      resource[policy] = resolve(resource[policy], ctx);
      checkPolicy(policy, resource[policy], id);
    }
  }
}

/**
 * CloudFormation makes every Fn::FindInMap lookup that depends only on parameters when the
 * operation is requested (recorded on AWS: "Template error: Unable to get mapping for
 * TopicSuffixMap::C::Suffix" answers CreateChangeSet), in included resources and outputs,
 * following only the Fn::If branches their conditions take.
 */
function checkMappingLookups(template: Template, included: Set<string>, ctx: EvalContext): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const ifArgs = record['Fn::If'];
    if (Array.isArray(ifArgs) && typeof ifArgs[0] === 'string' && ctx.condition(ifArgs[0]) !== undefined) {
      return visit(ctx.condition(ifArgs[0]) ? ifArgs[1] : ifArgs[2]);
    }
    if ('Fn::FindInMap' in record) {
      try {
        resolve(record, ctx);
      } catch (err) {
        // Lookups that read resources (or imports) fail here for that reason; they wait for the operation.
        if (err instanceof Error && /^Template error: (Unable to get mapping|Mapping named)/.test(err.message)) throw err;
      }
      return;
    }
    Object.values(record).forEach(visit);
  };
  for (const id of included) visit(template.Resources[id].Properties);
  for (const output of Object.values<any>(template.Outputs ?? {})) {
    if (output?.Condition === undefined || ctx.condition(output.Condition)) visit(output?.Value);
  }
}

function noImports(name: string): never {
  throw validationError(`Fn::ImportValue ${name} cannot be used here`);
}

function noResources(id: string): never {
  throw formatError(`Unresolved resource dependencies [${id}] in the Resources block of the template`);
}
