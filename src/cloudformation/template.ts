// Template parsing: JSON or YAML (with CloudFormation's short-form tags such as `!Ref`,
// `!GetAtt a.b`, `!Sub`), then a check of the top-level sections every stack operation and
// ValidateTemplate share.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { formatError, validationError } from './errors.ts';
import type { Template } from './transform.ts';

export type { Template };

/** CloudFormation's limit on a TemplateBody passed inline, in bytes. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
/** CloudFormation's limit on a template read from a URL (S3), in bytes. */
export const MAX_TEMPLATE_URL_BYTES = 1_000_000;

const SECTIONS = new Set([
  'AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings',
  'Conditions', 'Transform', 'Resources', 'Outputs', 'Hooks',
]);

/** What a resource may hold besides its type: its properties and the resource attributes. */
const RESOURCE_KEYS = new Set([
  'Type', 'Properties', 'DependsOn', 'Metadata', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy',
  'CreationPolicy', 'Description', 'Version',
]);

/** Short-form tags and the long form each stands for. `!GetAtt a.b` and `!Condition x` are special. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref', '!Condition': 'Condition',
};
for (const fn of ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString', 'Contains', 'EachMemberEquals',
  'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll']) {
  SHORT_FORMS[`!${fn}`] = `Fn::${fn}`;
}

/** Parses a template body: JSON when it starts with `{`, YAML otherwise (as CloudFormation decides). */
export function parseTemplate(body: string): Template {
  const trimmed = body.trimStart();
  const parsed = trimmed.startsWith('{') ? parseJson(body) : parseYaml(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw formatError('not a valid template: the template must be a JSON or YAML object');
  }
  return parsed as Template;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    // AWS's JSON parser reports the position after the offending character (recorded on AWS:
    // `{"this is invalid JSON"="bobbins"}` fails at column 25, where the `=` is the 24th).
    throw formatError(`JSON not well-formed. ${lineColumn(body, Math.min(jsonErrorOffset(body) + 1, body.length))}`);
  }
}

/**
 * Where JSON parsing first fails. JSON.parse names a position only for some faults, so find
 * the shortest prefix that already fails for a reason other than ending early.
 */
function jsonErrorOffset(body: string): number {
  const failsBefore = (length: number) => {
    try {
      JSON.parse(body.slice(0, length));
      return false;
    } catch (err) {
      const message = (err as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      return !message.includes('end of JSON input') && (position === undefined || Number(position) < length);
    }
  };
  let low = 0;
  let high = body.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsBefore(mid + 1)) high = mid;
    else low = mid + 1;
  }
  return low;
}

function parseYaml(body: string): unknown {
  // Unknown tags are not errors here: they stay on the nodes and toPlain turns them into
  // intrinsic functions (or rejects them).
  const doc = parseDocument(body, { uniqueKeys: true, prettyErrors: false, strict: false });
  const error = doc.errors[0];
  if (error) throw formatError(`YAML not well-formed. ${lineColumn(body, error.pos[0])}`);
  return toPlain(doc.contents, doc, new Set());
}

function lineColumn(body: string, offset: number): string {
  const before = body.slice(0, offset).split('\n');
  return `(line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

/** `open` holds the collections being converted, so an alias to one of them (a cycle) is caught. */
function toPlain(node: unknown, doc: Document, open: Set<unknown>): unknown {
  if (node == null) return null;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (open.has(target)) throw formatError(`YAML not well-formed. The alias *${node.source} refers to a node that contains it`);
    return toPlain(target, doc, open);
  }
  open.add(node);
  try {
    return convert(node, doc, open);
  } finally {
    open.delete(node);
  }
}

function convert(node: unknown, doc: Document, open: Set<unknown>): unknown {
  const tag = (node as Node).tag;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(pair.key, doc, open));
      out[key] = toPlain(pair.value, doc, open);
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toPlain(item, doc, open));
  } else if (isScalar(node)) {
    value = node.value;
  }
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  return shortForm(tag, value);
}

function shortForm(tag: string, value: unknown): unknown {
  const name = SHORT_FORMS[tag];
  if (!name) throw formatError(`YAML not well-formed. Unknown tag ${tag}`);
  // `!GetAtt Resource.Attribute` is the string form of ["Resource", "Attribute"].
  if (name === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    if (dot < 0) throw validationError(`Template error: every Fn::GetAtt object requires two non-empty parameters`);
    return { [name]: [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [name]: value ?? '' };
}

/**
 * The section checks CloudFormation makes before it looks at parameters or resources. Before
 * transforms run, `Fn::ForEach::*` and `Fn::Transform` keys in Resources are left for them.
 */
export function validateSections(template: Template, beforeTransforms = false): void {
  // SAM's Globals section is valid while the AWS::Serverless-2016-10-31 transform is yet to run.
  const samGlobals = (key: string) => key === 'Globals' && beforeTransforms && [template.Transform].flat().includes('AWS::Serverless-2016-10-31');
  // Templates a transform rewrites may hold nulls the transform removes (SAM's empty Globals).
  if (!beforeTransforms || template.Transform === undefined) checkNoNulls(template, '');
  const unknown = Object.keys(template).filter((key) => !SECTIONS.has(key) && !samGlobals(key));
  if (unknown.length) throw formatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  const version = template.AWSTemplateFormatVersion;
  if (version !== undefined && String(version) !== '2010-09-09') {
    throw formatError(`Unsupported template format version ${String(version)}`);
  }
  if (template.Description !== undefined && typeof template.Description !== 'string') {
    throw formatError('Every Description member must be a string.');
  }
  const resources = template.Resources;
  if (resources !== undefined && (resources === null || typeof resources !== 'object' || Array.isArray(resources))) {
    throw formatError('Any Resources member must be an object.');
  }
  for (const section of ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Rules', 'Metadata'] as const) {
    const value = template[section];
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw formatError(`The ${section} section must be an object.`);
    }
  }
  checkMappings(template.Mappings ?? {});
  if (resources === undefined || !Object.keys(resources).length) {
    throw formatError('At least one Resources member must be defined.');
  }
  for (const [id, resource] of Object.entries<any>(resources)) {
    if (beforeTransforms && id.startsWith('Fn::')) continue;
    if (!/^[A-Za-z0-9]+$/.test(id)) throw formatError(`Resource name ${id} is non alphanumeric.`);
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
      throw formatError(`[/Resources/${id}] resource definition is malformed`);
    }
    if (typeof resource.Type !== 'string') throw formatError(`[/Resources/${id}] Every Resources object must contain a Type member.`);
    // Before a transform runs, its own resource attributes (SAM's Connectors) are its business.
    const unknownKey = beforeTransforms && template.Transform !== undefined ? undefined : Object.keys(resource).find((key) => !RESOURCE_KEYS.has(key));
    if (unknownKey !== undefined) throw validationError(`Invalid template resource property '${unknownKey}'`);
    if (resource.Properties !== undefined && (resource.Properties === null || typeof resource.Properties !== 'object' || Array.isArray(resource.Properties))) {
      throw formatError(`[/Resources/${id}/Properties] Every Properties member must be an object.`);
    }
    const deps = resource.DependsOn;
    if (deps !== undefined && typeof deps !== 'string' && !(Array.isArray(deps) && deps.every((d) => typeof d === 'string'))) {
      throw formatError(`[/Resources/${id}/DependsOn] DependsOn must be a string or a list of strings.`);
    }
    for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
      // An intrinsic function (Fn::If on a condition, a Ref to a parameter) is resolved by prepareTemplate.
      const value = resource[policy];
      if (value !== undefined && !(value && typeof value === 'object' && !Array.isArray(value))) checkPolicy(policy, value, id);
    }
  }
  for (const [name, output] of Object.entries<any>(template.Outputs ?? {})) {
    if (output === null || typeof output !== 'object' || !('Value' in output)) {
      throw formatError('Every Outputs member must contain a Value object');
    }
  }
  for (const [name, param] of Object.entries<any>(template.Parameters ?? {})) {
    if (param === null || typeof param !== 'object' || typeof param.Type !== 'string') {
      throw formatError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
    }
  }
}

/** A resolved DeletionPolicy or UpdateReplacePolicy must be one CloudFormation knows. */
export function checkPolicy(policy: 'DeletionPolicy' | 'UpdateReplacePolicy', value: unknown, id: string): void {
  if (!['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'].includes(value as string)) {
    throw formatError(`Unrecognized ${policy} ${JSON.stringify(value)} for resource ${id}`);
  }
}

/** Mappings hold two levels of maps whose values are strings or lists (recorded on AWS). */
function checkMappings(mappings: Record<string, unknown>): void {
  const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  for (const [name, mapping] of Object.entries(mappings)) {
    if (!isMap(mapping)) throw formatError(`Every Mappings member ${name} must be a map`);
    for (const [key, attributes] of Object.entries(mapping)) {
      if (!isMap(attributes)) throw formatError(`Every Mappings member ${key} must be a map`);
      if (Object.values(attributes).some(isMap)) throw formatError('Every Mappings attribute must be a String or a List.');
    }
  }
}

/** CloudFormation refuses a null anywhere in a template, naming the first by its JSON pointer. */
function checkNoNulls(value: unknown, path: string): void {
  if (value === null) throw validationError(`[${path}] 'null' values are not allowed in templates`);
  if (typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value as object)) checkNoNulls(item, `${path}/${key}`);
}

/** The names a template's `Transform` section declares (a string or a list). */
export function declaredTransforms(template: Template): string[] {
  const t = template.Transform;
  if (t === undefined) return [];
  const list = Array.isArray(t) ? t : [t];
  return list.map((entry) => (typeof entry === 'string' ? entry : String(entry?.Name ?? '')));
}
