// Values CloudFormation reads from Systems Manager Parameter Store: template parameters of
// type AWS::SSM::Parameter::Value<...> and {{resolve:ssm:...}} / {{resolve:ssm-secure:...}}
// dynamic references in resource properties.
import { validationError } from './errors.ts';

export interface SsmValue {
  Type: string;
  /** Decrypted for SecureString. */
  Value: string;
}

/** Reads a parameter by "name" or "name:version" in the stack's account and region; undefined when missing. */
export type ReadSsmParameter = (reference: string) => SsmValue | undefined;

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;
const DYNAMIC_REFERENCE = /\{\{resolve:(ssm|ssm-secure):([^}]+)\}\}/g;

/** The value a parameter of an AWS::SSM::Parameter::Value<...> type stands for, or undefined for other types. */
export function ssmParameterValue(type: string, name: string, read: ReadSsmParameter | undefined): { type: string; value: string } | undefined {
  const inner = SSM_TYPE.exec(type)?.[1];
  if (!inner) return undefined;
  const found = read?.(name);
  // CloudFormation's wording when a parameter-typed value names no parameter.
  if (!found || found.Type === 'SecureString') throw validationError(`Unable to fetch parameters [${name}] from parameter store for this account.`);
  return { type: inner, value: found.Value };
}

/** Replaces every dynamic reference in the strings of `value` (a resource's definition). */
export function resolveDynamicReferences<V>(value: V, read: ReadSsmParameter | undefined): V {
  if (typeof value === 'string') return replaceIn(value, read) as V;
  if (Array.isArray(value)) return value.map((item) => resolveDynamicReferences(item, read)) as V;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDynamicReferences(v, read)])) as V;
  }
  return value;
}

function replaceIn(text: string, read: ReadSsmParameter | undefined): string {
  if (!text.includes('{{resolve:')) return text;
  return text.replace(DYNAMIC_REFERENCE, (_whole, service: string, reference: string) => {
    const found = read?.(reference);
    const secure = service === 'ssm-secure';
    // ssm reads String and StringList parameters, ssm-secure reads SecureString ones.
    if (!found || (found.Type === 'SecureString') !== secure) throw validationError(`Parameters: [${service}:${reference}] cannot be found.`);
    return found.Value;
  });
}
