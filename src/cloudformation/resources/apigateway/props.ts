// What every AWS::ApiGateway::* type shares: reading template properties the way
// CloudFormation hands them over (numbers and booleans may arrive as strings), calling the
// API Gateway provider as an SDK call would, and CloudFormation's own tags.
import type * as T from '../../../models/apigateway.types.ts';
import { AwsError } from '../../../protocol/errors.ts';
import { loadModel, type ServiceModel } from '../../../protocol/model.ts';
import { validateInput } from '../../../protocol/parse.ts';
import type { ResourceContext, ResourceProperties } from '../../resource.ts';

type Operations = T.Operations;

let model: ServiceModel | undefined;

/** Checks an input as the protocol engine checks an SDK call's (required members, enums,
 * lengths), since a provider trusts its input to have passed that. */
function validate(operation: string, input: Record<string, unknown>) {
  model ??= loadModel('apigateway');
  const shape = model.operations[operation[0].toUpperCase() + operation.slice(1)]?.input;
  if (!shape) return;
  // Members by their wire names (PutIntegration's `httpMethod` label and body member differ
  // only there); blobs (an OpenAPI body) base64-encoded, as the check reads them.
  const wire: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(model.shapes[shape].members ?? {})) {
    const value = input[name];
    wire[ref.locationName ?? name] = Buffer.isBuffer(value) ? value.toString('base64') : value;
  }
  validateInput(model, shape, wire, { validationErrorCode: 'BadRequestException', malformedBodyCode: 'BadRequestException' });
}

/** Calls one API Gateway operation with the request context of the stack. */
export async function call<K extends keyof Operations>(
  ctx: ResourceContext,
  operation: K,
  input: Parameters<Operations[K]>[0],
): Promise<Awaited<ReturnType<Operations[K]>>> {
  const fn = ctx.services.apigateway[operation] as ((input: unknown, request: unknown) => unknown) | undefined;
  if (!fn) throw new AwsError('NotImplemented', `API Gateway operation ${String(operation)} is not implemented by localgate`);
  validate(String(operation), input as Record<string, unknown>);
  return (await fn(input, ctx.request)) as Awaited<ReturnType<Operations[K]>>;
}

/** Deleting what is already gone succeeds, as CloudFormation treats it. */
export async function ignoreNotFound(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof AwsError && err.code === 'NotFoundException')) throw err;
  }
}

/** CloudFormation's wording for a template property that fails the resource schema. */
export function invalidProperty(ctx: ResourceContext, message: string): AwsError {
  return new AwsError('ValidationError', `Properties validation failed for resource ${ctx.logicalId} with message: ${message}`);
}

export function required(props: ResourceProperties, ctx: ResourceContext, ...names: string[]) {
  const missing = names.filter((n) => props?.[n] === undefined || props?.[n] === null);
  if (missing.length) throw invalidProperty(ctx, missing.map((n) => `#: required key [${n}] not found`).join('\n'));
}

/** Property readers: `undefined` stays undefined; anything else is coerced as CloudFormation
 * does (a number or boolean may arrive as a string) or rejected with the schema message. */
export class Props {
  constructor(
    readonly values: ResourceProperties,
    readonly ctx: ResourceContext,
    /** Path of `values` inside the template's Properties, for messages ("#/StageDescription"). */
    private at = '#',
  ) {}

  private fail(name: string, expected: string, value: unknown): never {
    const found = Array.isArray(value) ? 'JSONArray' : typeof value === 'object' ? 'JSONObject' : typeof value === 'number' ? 'Integer' : typeof value === 'boolean' ? 'Boolean' : 'String';
    throw invalidProperty(this.ctx, `${this.at}/${name}: expected type: ${expected}, found: ${found}`);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  string(name: string): string | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.fail(name, 'String', v);
  }

  boolean(name: string): boolean | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return this.fail(name, 'Boolean', v);
  }

  integer(name: string): number | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
    return this.fail(name, 'Integer', v);
  }

  number(name: string): number | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return this.fail(name, 'Number', v);
  }

  /** A JSON property that may be given as an object or as its text (Policy, Body, Schema). */
  json(name: string): string | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  stringList(name: string): string[] | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return this.fail(name, 'JSONArray', v);
    return v.map((item, i) => new Props({ [i]: item }, this.ctx, `${this.at}/${name}`).string(String(i))!);
  }

  /** A map of strings ({Key: Value}), e.g. RequestTemplates, Variables. */
  stringMap(name: string): Record<string, string> | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(name, 'JSONObject', v);
    const inner = new Props(v, this.ctx, `${this.at}/${name}`);
    return Object.fromEntries(Object.keys(v).map((k) => [k, inner.string(k)!]));
  }

  /** A map of booleans ({Key: true}), e.g. a method's RequestParameters. */
  booleanMap(name: string): Record<string, boolean> | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(name, 'JSONObject', v);
    const inner = new Props(v, this.ctx, `${this.at}/${name}`);
    return Object.fromEntries(Object.keys(v).map((k) => [k, inner.boolean(k)!]));
  }

  /** A nested property object, read with the same rules. */
  object(name: string): Props | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(name, 'JSONObject', v);
    return new Props(v, this.ctx, `${this.at}/${name}`);
  }

  /** A list of property objects (MethodResponses, MethodSettings, ...). */
  objects(name: string): Props[] {
    const v = this.values[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.fail(name, 'JSONArray', v);
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return this.fail(`${name}/${i}`, 'JSONObject', item);
      return new Props(item, this.ctx, `${this.at}/${name}/${i}`);
    });
  }

  /** Template `Tags` ([{Key, Value}]) as the API's map. */
  tags(name = 'Tags'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const tag of this.objects(name)) {
      const key = tag.string('Key');
      if (key === undefined) throw invalidProperty(this.ctx, `${this.at}/${name}: required key [Key] not found`);
      out[key] = tag.string('Value') ?? '';
    }
    return out;
  }
}

export const read = (props: ResourceProperties, ctx: ResourceContext) => new Props(props ?? {}, ctx);

/** The tags CloudFormation puts on every taggable resource it creates. */
export function stackTags(ctx: ResourceContext): Record<string, string> {
  return {
    'aws:cloudformation:logical-id': ctx.logicalId,
    'aws:cloudformation:stack-id': ctx.stackId,
    'aws:cloudformation:stack-name': ctx.stackName,
  };
}

/** The ARN API Gateway's tagging operations take, e.g. `/restapis/abc123`. */
export function resourceArn(ctx: ResourceContext, path: string): string {
  return `arn:aws:apigateway:${ctx.request.region}::${path}`;
}

/** Moves a resource's user tags from the old template's to the new one's. */
export async function retag(ctx: ResourceContext, path: string, oldProps: ResourceProperties, newProps: ResourceProperties) {
  const before = read(oldProps, ctx).tags();
  const after = read(newProps, ctx).tags();
  const gone = Object.keys(before).filter((k) => !(k in after));
  const arn = resourceArn(ctx, path);
  if (gone.length) await call(ctx, 'untagResource', { resourceArn: arn, tagKeys: gone });
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
  if (Object.keys(set).length) await call(ctx, 'tagResource', { resourceArn: arn, tags: set });
}

/** The object without its undefined members (an API default applies to what is left out). */
export function defined<O extends object>(obj: O): O {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as O;
}

/** Whether a property's value differs between two templates. */
export function changed(oldProps: ResourceProperties, newProps: ResourceProperties, name: string): boolean {
  return JSON.stringify(oldProps?.[name]) !== JSON.stringify(newProps?.[name]);
}
