// Template parameters: the caller's values merged with defaults and previous values, checked
// against the declared type and constraints, with NoEcho values masked in every answer.
import { formatError, validationError } from './errors.ts';

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

/** Reads a Systems Manager parameter's current value, undefined when there is none. */
export type ReadSsmParameter = (name: string) => Promise<string | undefined>;

/** Resolves parameter values; `previous` holds the stack's current values (UsePreviousValue). */
export async function resolveParameters(
  declared: Record<string, any> = {}, input: ParameterInput[] = [], previous: Record<string, string> = {}, readSsm?: ReadSsmParameter,
): Promise<ResolvedParameters> {
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
    out.values[key] = await checkValue(key, type, raw, spec, readSsm);
  }
  return out;
}

const SSM_VALUE = /^AWS::SSM::Parameter::Value<(.+)>$/;

async function checkValue(key: string, type: string, raw: string, spec: any, readSsm?: ReadSsmParameter): Promise<string | string[]> {
  if (type === 'AWS::SSM::Parameter::Name') return raw;
  const ssm = SSM_VALUE.exec(type);
  if (ssm) {
    // The parameter's value is a Parameter Store name; Ref reads the value stored under it.
    const value = readSsm ? await readSsm(raw) : undefined;
    if (value === undefined) throw validationError(`Unable to fetch parameters [${raw}] from parameter store for this account.`);
    return checkValue(key, ssm[1], value, {});
  }
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
export function describeParameters(params: ResolvedParameters): Array<{ ParameterKey: string; ParameterValue: string }> {
  return Object.entries(params.given).map(([key, value]) => ({ ParameterKey: key, ParameterValue: params.noEcho.has(key) ? MASK : value }));
}
