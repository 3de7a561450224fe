// What an update changes, resource by resource: add, modify in place, replace (a changed
// property the type lists in `replaceOn`, or a type with no update), remove. The engine asks
// `diffProperties` with real values as it runs; change sets call `planChanges` beforehand,
// where values not known until the update runs read as KNOWN_AFTER_APPLY.
import { resolve, type EvalContext, type ResourceValues } from './intrinsics.ts';
import type { PreparedTemplate } from './prepare.ts';
import type { ResourceProperties, ResourceType } from './resource.ts';
import type { ResourceRecord } from './stack.ts';

export const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}';

export type Replacement = 'True' | 'False' | 'Conditional';

export interface PropertyChange {
  name: string;
  requiresRecreation: 'Never' | 'Always' | 'Conditionally';
  before: unknown;
  after: unknown;
  /** What changed it, as a change set details it (set by planChanges). */
  causes?: ChangeCause[];
}

/** One reason a property changes: the template itself, a parameter, or another resource. */
export interface ChangeCause {
  evaluation: 'Static' | 'Dynamic';
  source: 'DirectModification' | 'ParameterReference' | 'ResourceAttribute' | 'ResourceReference';
  causingEntity?: string;
}

export interface PropertyDiff {
  changes: PropertyChange[];
  /** Undefined when nothing changed. */
  replacement?: Replacement;
}

export interface ResourcePlan {
  logicalId: string;
  type: string;
  action: 'Add' | 'Modify' | 'Remove';
  physicalId?: string;
  replacement?: Replacement;
  changes: PropertyChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const unknownIn = (value: unknown) => JSON.stringify(value ?? null).includes(KNOWN_AFTER_APPLY);

export function diffProperties(impl: ResourceType | undefined, before: ResourceProperties, after: ResourceProperties): PropertyDiff {
  const changes: PropertyChange[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (same(before[name], after[name])) continue;
    const replaces = !impl?.update || impl.replaceOn.includes(name);
    const conditional = replaces && unknownIn(after[name]);
    changes.push({ name, requiresRecreation: !replaces ? 'Never' : conditional ? 'Conditionally' : 'Always', before: before[name], after: after[name] });
  }
  if (!changes.length) return { changes };
  const replacement = changes.some((c) => c.requiresRecreation === 'Always') ? 'True'
    : changes.some((c) => c.requiresRecreation === 'Conditionally') ? 'Conditional' : 'False';
  return { changes, replacement };
}

/** The changes an update to `next` would make to a stack's current resources. */
export function planChanges(
  current: Map<string, ResourceRecord>, next: PreparedTemplate, base: Omit<EvalContext, 'resource'>, types: (type: string) => ResourceType | undefined,
  previous?: PreparedTemplate,
): ResourcePlan[] {
  const plans: ResourcePlan[] = [];
  /** Added or replaced: a new physical resource, so its Ref and attributes are unknown. */
  const changing = new Set<string>();
  /** Updated in place: its Ref stays, its attributes may change. */
  const modified = new Set<string>();
  const unknownAttributes = new Proxy({}, { get: () => KNOWN_AFTER_APPLY, has: () => true, getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: KNOWN_AFTER_APPLY }) });
  const values = (id: string): ResourceValues | undefined => {
    const record = current.get(id);
    if (!next.order.includes(id)) return undefined;
    if (!record || changing.has(id)) return { ref: KNOWN_AFTER_APPLY, attributes: unknownAttributes };
    const ref = record.result?.ref ?? record.physicalId ?? '';
    if (modified.has(id)) return { ref, attributes: unknownAttributes };
    return { ref, attributes: record.result?.attributes ?? {}, skippedType: record.skippedType };
  };
  const causesOf = (id: string, change: PropertyChange): ChangeCause[] => {
    const before = previous?.template.Resources?.[id]?.Properties?.[change.name];
    const after = next.template.Resources[id].Properties?.[change.name];
    const causes: ChangeCause[] = [];
    const { names, attributes } = referencesIn(after);
    const isParameter = (name: string) => Object.hasOwn(next.parameters.values, name);
    for (const name of names.filter(isParameter)) {
      if (previous && !same(previous.parameters.values[name], next.parameters.values[name])) causes.push({ evaluation: 'Static', source: 'ParameterReference', causingEntity: name });
    }
    for (const attribute of attributes) {
      const resource = attribute.slice(0, attribute.indexOf('.'));
      if (changing.has(resource) || modified.has(resource)) causes.push({ evaluation: 'Dynamic', source: 'ResourceAttribute', causingEntity: attribute });
    }
    for (const resource of names.filter((name) => !isParameter(name))) {
      if (changing.has(resource)) causes.push({ evaluation: 'Dynamic', source: 'ResourceReference', causingEntity: resource });
    }
    if (!same(before, after) || !causes.length) causes.push({ evaluation: unknownIn(change.after) ? 'Dynamic' : 'Static', source: 'DirectModification' });
    return causes;
  };
  for (const id of next.order) {
    const spec = next.template.Resources[id];
    const record = current.get(id);
    if (!record || record.status === 'DELETE_COMPLETE') {
      plans.push({ logicalId: id, type: spec.Type, action: 'Add', changes: [] });
      changing.add(id);
      continue;
    }
    if (record.type !== spec.Type) {
      plans.push({ logicalId: id, type: spec.Type, action: 'Modify', physicalId: record.physicalId, replacement: 'True', changes: [] });
      changing.add(id);
      continue;
    }
    let after: ResourceProperties;
    try {
      after = resolve(spec.Properties ?? {}, { ...base, resource: values });
    } catch {
      // A value only the update itself can produce (e.g. an attribute a changed resource reports).
      after = Object.fromEntries(Object.keys(spec.Properties ?? {}).map((k) => [k, KNOWN_AFTER_APPLY]));
    }
    const diff = diffProperties(types(spec.Type), record.properties, after);
    if (!diff.replacement) continue;
    for (const change of diff.changes) change.causes = causesOf(id, change);
    plans.push({ logicalId: id, type: spec.Type, action: 'Modify', physicalId: record.physicalId, replacement: diff.replacement, changes: diff.changes });
    (diff.replacement === 'False' ? modified : changing).add(id);
  }
  for (const [id, record] of current) {
    if (!next.order.includes(id) && record.status !== 'DELETE_COMPLETE') {
      plans.push({ logicalId: id, type: record.type, action: 'Remove', physicalId: record.physicalId, changes: [] });
    }
  }
  return plans;
}

/** What an expression reads: names (parameters or resources, by `Ref` or `Fn::Sub`) and attributes (`Resource.Attribute`). */
function referencesIn(expression: unknown): { names: string[]; attributes: Set<string> } {
  const names = new Set<string>();
  const attributes = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.Ref === 'string') names.add(record.Ref);
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') attributes.add(`${getAtt[0]}.${String(getAtt[1])}`);
    else if (typeof getAtt === 'string') attributes.add(getAtt);
    const sub = record['Fn::Sub'];
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    const local = Array.isArray(sub) && sub[1] && typeof sub[1] === 'object' ? Object.keys(sub[1]) : [];
    for (const [, variable] of (text ?? '').matchAll(/\$\{([^!}][^}]*)\}/g)) {
      if (local.includes(variable)) continue;
      if (variable.includes('.')) attributes.add(variable);
      else names.add(variable);
    }
    Object.values(record).forEach(visit);
  };
  visit(expression);
  return { names: [...names].filter((name) => !name.startsWith('AWS::')), attributes };
}
