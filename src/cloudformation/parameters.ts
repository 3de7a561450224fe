// Template parameters: the caller's values merged with defaults and previous values, checked
// against the declared type and constraints, with NoEcho values masked in every answer.
import { javaHashMapOrder } from './java-hash-order.ts';
import { formatError, validationError } from './errors.ts';
import { ssmParameterValue, type ReadSsmParameter } from './ssm-references.ts';

export interface ParameterInput {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

export interface ResolvedParameters {
  /** The value `Ref` reads: list types are arrays. */
  values: Record<string, string | string[]>;
  /** The value as given (a comma-separated string for list types), for DescribeStacks. */
  given: Record<string, string>;
  types: Record<string, string>;
  noEcho: Set<string>;
}

export const MASK = '****';

const LIST_TYPE = /^List<(.+)>$/;

/** Resolves parameter values; `previous` holds the stack's current values (UsePreviousValue);
 * `readSsm` reads the Parameter Store for AWS::SSM::Parameter::Value<...> types. */
export function resolveParameters(declared: Record<string, any> = {}, input: ParameterInput[] = [], previous: Record<string, string> = {}, readSsm?: ReadSsmParameter): ResolvedParameters {
  const given = new Map<string, string>();
  const unknown: string[] = [];
  for (const p of input) {
    const key = p.ParameterKey ?? '';
    if (!Object.hasOwn(declared, key)) { unknown.push(key); continue; }
    if (p.UsePreviousValue) {
      if (!Object.hasOwn(previous, key)) throw validationError(`Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
      given.set(key, previous[key]);
    } else if (p.ParameterValue !== undefined) {
      given.set(key, p.ParameterValue);
    }
  }
  if (unknown.length) throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing = Object.keys(declared).filter((key) => !given.has(key) && declared[key].Default === undefined);
  if (missing.length) throw validationError(`Parameters: [${missing.join(', ')}] must have values`);

  const out: ResolvedParameters = { values: {}, given: {}, types: {}, noEcho: new Set() };
  for (const [key, spec] of Object.entries<any>(declared)) {
    const raw = given.get(key) ?? stringOf(spec.Default);
    const type = String(spec.Type);
    out.types[key] = type;
    out.given[key] = raw;
    if (spec.NoEcho === true || spec.NoEcho === 'true') out.noEcho.add(key);
    // An SSM-typed parameter's value names a parameter; Ref reads the stored value as the inner type.
    const fromSsm = ssmParameterValue(type, raw, readSsm);
    out.values[key] = fromSsm ? checkValue(key, fromSsm.type, fromSsm.value, {}) : checkValue(key, type, raw, spec);
  }
  return out;
}

function checkValue(key: string, type: string, raw: string, spec: any): string | string[] {
  const list = LIST_TYPE.exec(type);
  if (type === 'CommaDelimitedList' || list) {
    const items = raw === '' ? [] : raw.split(',');
    const itemType = list ? list[1] : 'String';
    if (itemType !== 'Number' && itemType !== 'String' && !itemType.startsWith('AWS::')) throw formatError(`Unrecognized parameter type: ${type}`);
    for (const item of items) checkScalar(key, itemType === 'Number' ? 'Number' : 'String', item, spec);
    return items;
  }
  if (type !== 'String' && type !== 'Number' && !type.startsWith('AWS::')) throw formatError(`Unrecognized parameter type: ${type}`);
  checkScalar(key, type === 'Number' ? 'Number' : 'String', raw, spec);
  return raw;
}

function checkScalar(key: string, type: 'String' | 'Number', value: string, spec: any) {
  const failed = (message: string) =>
    validationError(spec.ConstraintDescription ? `Parameter '${key}' failed to satisfy constraint: ${spec.ConstraintDescription}` : message);
  if (type === 'Number') {
    if (value.trim() === '' || !Number.isFinite(Number(value))) throw validationError(`Parameter '${key}' must be a number`);
    const n = Number(value);
    if (spec.MinValue !== undefined && n < Number(spec.MinValue)) throw failed(`Parameter '${key}' must be a number not less than ${spec.MinValue}`);
    if (spec.MaxValue !== undefined && n > Number(spec.MaxValue)) throw failed(`Parameter '${key}' must be a number not greater than ${spec.MaxValue}`);
  } else {
    if (spec.MinLength !== undefined && value.length < Number(spec.MinLength)) throw failed(`Parameter '${key}' must contain at least ${spec.MinLength} characters`);
    if (spec.MaxLength !== undefined && value.length > Number(spec.MaxLength)) throw failed(`Parameter '${key}' must contain at most ${spec.MaxLength} characters`);
    if (spec.AllowedPattern !== undefined && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(value)) {
      throw failed(`Parameter '${key}' must match pattern ${spec.AllowedPattern}`);
    }
  }
  if (Array.isArray(spec.AllowedValues) && !spec.AllowedValues.map(stringOf).includes(value)) {
    throw failed(`Parameter '${key}' must be one of AllowedValues`);
  }
}

function stringOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return value === undefined || value === null ? '' : String(value);
}

/** The Parameters member of DescribeStacks / DescribeChangeSet, NoEcho values masked. */
export function describeParameters(params: ResolvedParameters): Array<{ ParameterKey: string; ParameterValue: string; ResolvedValue?: string }> {
  return javaHashMapOrder(Object.keys(params.given)).map((key) => {
    const value = params.given[key];
    const out: { ParameterKey: string; ParameterValue: string; ResolvedValue?: string } = { ParameterKey: key, ParameterValue: params.noEcho.has(key) ? MASK : value };
    // An SSM-typed parameter also shows the value read from Parameter Store.
    if (params.types[key].startsWith('AWS::SSM::Parameter::Value<')) out.ResolvedValue = stringOf(params.values[key]);
    return out;
  });
}

