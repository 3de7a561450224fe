// Small helpers over template values (plain JSON with CloudFormation intrinsic functions).

export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{Ref: ...}` or `{"Fn::...": ...}`: a value CloudFormation resolves, not SAM. */
export function isIntrinsic(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

/** The logical id a `{Ref: X}` or `{Fn::GetAtt: [X, ...]}` points at, if the value is one. */
export function referencedId(v: unknown): string | undefined {
  if (typeof v === 'string') return undefined;
  if (!isPlainObject(v)) return undefined;
  if (typeof v.Ref === 'string') return v.Ref;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
export const sub = (text: string, vars?: Record<string, unknown>) => ({ 'Fn::Sub': vars ? [text, vars] : text });

/** The partition of a region: aws-cn, aws-us-gov, or aws. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export const clone = <T>(v: T): T => structuredClone(v);

/** Copies onto `to` each of `keys` that `from` defines, in the order given (the order SAM
 * writes them in, which the translator's output keeps). */
export function copyDefined(to: Record<string, unknown>, from: Record<string, unknown>, keys: readonly string[]) {
  for (const key of keys) if (from[key] !== undefined) to[key] = from[key];
}

/** Tags as a `{Key, Value}` list, `lambda:createdBy: SAM` first, as SAM tags what it generates. */
export function tagList(createdByKey: string, tags: unknown): Array<{ Key: string; Value: unknown }> {
  const list: Array<{ Key: string; Value: unknown }> = [{ Key: createdByKey, Value: 'SAM' }];
  if (isPlainObject(tags)) for (const [Key, Value] of Object.entries(tags)) list.push({ Key, Value });
  return list;
}

/** `{Ref: P}` replaced by a template parameter's value wherever P is a parameter (SAM resolves these before hashing). */
export function resolveParameterRefs(value: unknown, parameters: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveParameterRefs(v, parameters));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string' && value.Ref in parameters) return parameters[value.Ref];
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = resolveParameterRefs(value[k], parameters);
  return out;
}

/** A list property of a SAM resource (undefined: empty); anything else is SAM's error naming it. */
export function listProperty(value: unknown, logicalId: string, name: string, invalid: (id: string, message: string) => Error): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(logicalId, `Property '${name}' should be a list.`);
  return value;
}
