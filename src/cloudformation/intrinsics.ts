// Intrinsic functions and pseudo parameters: pure functions over an evaluation context.
// `resolve` turns a template fragment (resource properties, an output value, a condition)
// into plain JSON; `AWS::NoValue` removes the member or list element it stands in.
import { validationError, formatError } from './errors.ts';
import { cidr } from './cidr.ts';

/** What `Ref`/`Fn::GetAtt` read for a resource the stack has created. */
export interface ResourceValues {
  ref: string;
  attributes: Record<string, unknown>;
  /** Set when the resource was skipped as unsupported: its attributes do not exist. */
  skippedType?: string;
}

export interface EvalContext {
  /** Parameter values; list types are arrays. */
  parameters: Record<string, string | string[]>;
  pseudo: PseudoParameters;
  mappings: Record<string, any>;
  /** A condition's value; undefined when the template declares no such condition. */
  condition(name: string): boolean | undefined;
  /** A resource's values; undefined when the template has no such (included) resource. */
  resource(logicalId: string): ResourceValues | undefined;
  importValue(exportName: string): string;
  /** Whether the template declares AWS::LanguageExtensions (Fn::Length, Fn::ToJsonString). */
  languageExtensions: boolean;
  /** Rule-only functions (Fn::Contains, ...) are allowed while evaluating Rules. */
  rules?: { parameterTypes: Record<string, string> };
}

export interface PseudoParameters {
  AccountId: string;
  Region: string;
  StackName: string;
  StackId: string;
  Partition: string;
  URLSuffix: string;
  NotificationARNs: string[];
}

/** Stands for `AWS::NoValue`: the enclosing member or element is dropped. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

const RESOURCE_FUNCTIONS = [
  'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join',
  'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::If', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::Transform',
];
const EXTENSION_FUNCTIONS = ['Fn::Length', 'Fn::ToJsonString'];
const RULE_FUNCTIONS = ['Fn::Contains', 'Fn::EachMemberEquals', 'Fn::EachMemberIn', 'Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll'];

export function pseudoParameter(name: string, pseudo: PseudoParameters): string | string[] | typeof NO_VALUE | undefined {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (!name.startsWith('AWS::')) return undefined;
  const key = name.slice(5) as keyof PseudoParameters;
  return Object.hasOwn(pseudo, key) ? pseudo[key] : undefined;
}

/** The single intrinsic key of an object such as `{ "Fn::Join": [...] }`, if it is one. */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** The functions a template may use, for the "unsupported function" check and message. */
export function supportedFunctions(languageExtensions: boolean): string[] {
  return [...RESOURCE_FUNCTIONS, ...(languageExtensions ? EXTENSION_FUNCTIONS : [])];
}

export function unsupportedFunction(name: string, languageExtensions: boolean) {
  return formatError(`Encountered unsupported function: ${name} Supported functions are: [${supportedFunctions(languageExtensions).join(', ')}]`);
}

export function resolve(value: unknown, ctx: EvalContext): any {
  if (Array.isArray(value)) {
    return value.map((item) => resolve(item, ctx)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const fn = intrinsicName(value);
  if (fn) return call(fn, (value as Record<string, unknown>)[fn], ctx);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const resolved = resolve(member, ctx);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function call(fn: string, arg: unknown, ctx: EvalContext): unknown {
  switch (fn) {
    case 'Ref': return ref(resolveName(arg, 'Ref', ctx), ctx);
    case 'Condition': {
      const name = resolveName(arg, 'Condition', ctx);
      const value = ctx.condition(name);
      if (value === undefined) throw formatError(`Unresolved condition dependency ${name}`);
      return value;
    }
    case 'Fn::GetAtt': return getAtt(arg, ctx);
    case 'Fn::Sub': return sub(arg, ctx);
    case 'Fn::Join': {
      const [delimiter, list] = args(fn, arg, 2);
      const items = resolve(list, ctx);
      if (typeof delimiter !== 'string' || !Array.isArray(items)) throw templateError(`every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.`);
      return items.map((item) => scalar(item, fn)).join(delimiter);
    }
    case 'Fn::Select': {
      const [indexArg, listArg] = args(fn, arg, 2);
      const index = Number(resolve(indexArg, ctx));
      const list = resolve(listArg, ctx);
      if (!Array.isArray(list) || !Number.isInteger(index)) throw templateError('Fn::Select requires a list argument with two elements: an integer index and a list');
      if (index < 0 || index >= list.length) throw templateError(`Fn::Select cannot select nonexistent value at index ${index}`);
      return list[index];
    }
    case 'Fn::Split': {
      const [delimiter, source] = args(fn, arg, 2);
      const text = resolve(source, ctx);
      if (typeof delimiter !== 'string' || typeof text !== 'string') throw templateError('every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.');
      return text.split(delimiter);
    }
    case 'Fn::If': {
      const [name, whenTrue, whenFalse] = args(fn, arg, 3);
      if (typeof name !== 'string') throw templateError('Fn::If requires a list argument with the first element being a condition');
      const value = ctx.condition(name);
      if (value === undefined) throw formatError(`Unresolved condition dependency ${name} in Fn::If`);
      return resolve(value ? whenTrue : whenFalse, ctx);
    }
    case 'Fn::Equals': {
      const [a, b] = args(fn, arg, 2).map((v) => resolve(v, ctx));
      return JSON.stringify(normalizeScalars(a)) === JSON.stringify(normalizeScalars(b));
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) throw templateError(`${fn} requires a list of between 2 and 10 conditions`);
      const values = arg.map((c) => booleanOf(resolve(c, ctx), fn));
      return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Fn::Not': {
      const [condition] = args(fn, arg, 1);
      return !booleanOf(resolve(condition, ctx), fn);
    }
    case 'Fn::FindInMap': return findInMap(arg, ctx);
    case 'Fn::GetAZs': {
      const region = resolve(arg, ctx);
      const name = typeof region === 'string' && region ? region : ctx.pseudo.Region;
      // localgate serves every region from one machine: three zones, named as AWS names them.
      return ['a', 'b', 'c'].map((zone) => `${name}${zone}`);
    }
    case 'Fn::Base64': {
      const text = resolve(arg, ctx);
      if (typeof text !== 'string') throw templateError('Fn::Base64 requires a string argument');
      return Buffer.from(text, 'utf8').toString('base64');
    }
    case 'Fn::Cidr': {
      const [block, count, bits] = args(fn, arg, 3).map((v) => resolve(v, ctx));
      return cidr(String(block), Number(count), Number(bits));
    }
    case 'Fn::ImportValue': {
      const name = resolve(arg, ctx);
      if (typeof name !== 'string') throw templateError('Fn::ImportValue requires a string export name');
      return ctx.importValue(name);
    }
    case 'Fn::Length': {
      if (!ctx.languageExtensions) break;
      const list = resolve(arg, ctx);
      if (!Array.isArray(list)) throw templateError('Fn::Length requires a list or a function that returns a list');
      return list.length;
    }
    case 'Fn::ToJsonString': {
      if (!ctx.languageExtensions) break;
      return JSON.stringify(resolve(arg, ctx));
    }
    case 'Fn::Transform':
      throw templateError('Fn::Transform must be processed before the template is evaluated');
    default:
      if (ctx.rules && RULE_FUNCTIONS.includes(fn)) return ruleFunction(fn, arg, ctx);
  }
  throw unsupportedFunction(fn, ctx.languageExtensions);
}

function ref(name: string, ctx: EvalContext): unknown {
  if (Object.hasOwn(ctx.parameters, name)) return ctx.parameters[name];
  const pseudo = pseudoParameter(name, ctx.pseudo);
  if (pseudo !== undefined) return pseudo;
  const resource = ctx.resource(name);
  if (resource) return resource.ref;
  throw formatError(`Unresolved resource dependencies [${name}] in the Resources block of the template`);
}

function getAtt(arg: unknown, ctx: EvalContext): unknown {
  let parts: unknown[];
  if (typeof arg === 'string') parts = [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)];
  else if (Array.isArray(arg) && arg.length === 2) parts = [arg[0], resolve(arg[1], ctx)];
  else throw templateError('every Fn::GetAtt object requires two non-empty parameters');
  const [logicalId, attribute] = parts;
  if (typeof logicalId !== 'string' || typeof attribute !== 'string' || !logicalId || !attribute) {
    throw templateError('every Fn::GetAtt object requires two non-empty parameters');
  }
  const resource = ctx.resource(logicalId);
  if (!resource) throw templateError(`instance of Fn::GetAtt references undefined resource ${logicalId}`);
  if (resource.skippedType) {
    const err = validationError(`Fn::GetAtt ${logicalId}.${attribute} is unavailable: ${logicalId} (${resource.skippedType}) was skipped as unsupported by localgate`);
    throw Object.assign(err, { skippedResource: logicalId });
  }
  if (!Object.hasOwn(resource.attributes, attribute)) {
    throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  }
  return resource.attributes[attribute];
}

/** `${Name}`, `${Resource.Attribute}` and `${!Literal}` in a Fn::Sub string. */
const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function sub(arg: unknown, ctx: EvalContext): string {
  let text: unknown;
  let variables: Record<string, unknown> = {};
  if (typeof arg === 'string') text = arg;
  else if (Array.isArray(arg) && arg.length === 2 && arg[1] && typeof arg[1] === 'object' && !Array.isArray(arg[1])) {
    text = arg[0];
    variables = resolve(arg[1], ctx);
  } else throw templateError('One or more Fn::Sub intrinsic functions don\'t specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string');
  if (typeof text !== 'string') throw templateError('Fn::Sub requires a string as its first argument');
  return text.replace(SUB_VARIABLE, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const key = name.trim();
    if (Object.hasOwn(variables, key)) return scalar(variables[key], 'Fn::Sub');
    if (!key.includes('.') || Object.hasOwn(ctx.parameters, key) || key.startsWith('AWS::')) return scalar(ref(key, ctx), 'Fn::Sub');
    const dot = key.indexOf('.');
    return scalar(getAtt([key.slice(0, dot), key.slice(dot + 1)], ctx), 'Fn::Sub');
  });
}

function findInMap(arg: unknown, ctx: EvalContext): unknown {
  if (!Array.isArray(arg) || arg.length < 3) throw templateError('Fn::FindInMap requires a list of three elements: a map name, a top-level key and a second-level key');
  const [map, top, second] = arg.slice(0, 3).map((v) => resolve(v, ctx));
  const value = ctx.mappings?.[String(map)]?.[String(top)]?.[String(second)];
  if (value !== undefined) return value;
  // AWS::LanguageExtensions adds a fourth element: { DefaultValue: ... }.
  const fallback = arg[3] as { DefaultValue?: unknown } | undefined;
  if (ctx.languageExtensions && fallback && typeof fallback === 'object' && 'DefaultValue' in fallback) return resolve(fallback.DefaultValue, ctx);
  if (!ctx.mappings?.[String(map)]) throw templateError(`Mapping named '${map}' is not present in the 'Mappings' section of template.`);
  throw templateError(`Unable to get mapping for ${map}::${top}::${second}`);
}

function ruleFunction(fn: string, arg: unknown, ctx: EvalContext): unknown {
  const types = ctx.rules!.parameterTypes;
  switch (fn) {
    case 'Fn::Contains': {
      const [list, value] = args(fn, arg, 2).map((v) => resolve(v, ctx));
      return asList(list).includes(String(value));
    }
    case 'Fn::EachMemberEquals': {
      const [list, value] = args(fn, arg, 2).map((v) => resolve(v, ctx));
      return asList(list).every((item) => item === String(value));
    }
    case 'Fn::EachMemberIn': {
      const [list, allowed] = args(fn, arg, 2).map((v) => resolve(v, ctx));
      const pool = asList(allowed);
      return asList(list).every((item) => pool.includes(item));
    }
    case 'Fn::RefAll': {
      const type = resolve(arg, ctx);
      return Object.entries(types).filter(([, t]) => t === type).map(([name]) => ctx.parameters[name]);
    }
  }
  // Fn::ValueOf and Fn::ValueOfAll read attributes of EC2 resources localgate does not have.
  throw validationError(`Template error: ${fn} is not supported by localgate (it reads attributes of AWS-specific parameter types)`);
}

function resolveName(arg: unknown, fn: string, ctx: EvalContext): string {
  const value = typeof arg === 'string' ? arg : resolve(arg, ctx);
  if (typeof value !== 'string' || !value) throw templateError(`every ${fn} object requires a single string parameter.`);
  return value;
}

function args(fn: string, arg: unknown, count: number): unknown[] {
  if (!Array.isArray(arg) || arg.length !== count) throw templateError(`${fn} requires a list of ${count} arguments`);
  return arg;
}

function booleanOf(value: unknown, fn: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw templateError(`${fn} requires conditions (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition) as its arguments`);
}

function scalar(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`${fn} can only combine strings, but found ${JSON.stringify(value)}`);
}

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Numbers and booleans compare by their string form in Fn::Equals (`!Equals [1, "1"]` is true). */
function normalizeScalars(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(normalizeScalars);
  return value;
}

const templateError = (message: string) => validationError(`Template error: ${message}`);
