// What every AWS::ApiGateway::* type shares: reading template properties the way
// CloudFormation hands them over (numbers and booleans may arrive as strings) with
// CloudFormation's own message for a missing or mistyped property, and CloudFormation's own
// tags. Calling the provider (conversion to the model's types, validation) is service-call.ts.
import { AwsError } from '../../../protocol/errors.ts';
import type { ResourceContext, ResourceProperties } from '../../resource.ts';
import { call } from '../service-call.ts';

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
    return this.mapOf(name, (inner, key) => inner.string(key)!);
  }

  /** A map of booleans ({Key: true}), e.g. a method's RequestParameters. */
  booleanMap(name: string): Record<string, boolean> | undefined {
    return this.mapOf(name, (inner, key) => inner.boolean(key)!);
  }

  /** A map whose every value `value` reads (errors name the map's path). */
  private mapOf<V>(name: string, value: (inner: Props, key: string) => V): Record<string, V> | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(name, 'JSONObject', v);
    const inner = new Props(v, this.ctx, `${this.at}/${name}`);
    return Object.fromEntries(Object.keys(v).map((k) => [k, value(inner, k)]));
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

/** The readers of a resource's properties, once the `names` it cannot be created without are there. */
export function readRequired(props: ResourceProperties, ctx: ResourceContext, ...names: string[]): Props {
  required(props, ctx, ...names);
  return read(props, ctx);
}

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
  if (gone.length) await call(ctx, 'apigateway', 'untagResource', { resourceArn: arn, tagKeys: gone });
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
  if (Object.keys(set).length) await call(ctx, 'apigateway', 'tagResource', { resourceArn: arn, tags: set });
}

/** The object without its undefined members (an API default applies to what is left out). */
export function defined<O extends object>(obj: O): O {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as O;
}

