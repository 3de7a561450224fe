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
export function planChanges(current: Map<string, ResourceRecord>, next: PreparedTemplate, base: Omit<EvalContext, 'resource'>, types: (type: string) => ResourceType | undefined): ResourcePlan[] {
  const plans: ResourcePlan[] = [];
  const changing = new Set<string>();
  const values = (id: string): ResourceValues | undefined => {
    const record = current.get(id);
    if (!next.order.includes(id)) return undefined;
    if (!record || changing.has(id)) return { ref: KNOWN_AFTER_APPLY, attributes: new Proxy({}, { get: () => KNOWN_AFTER_APPLY, has: () => true, getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: KNOWN_AFTER_APPLY }) }) };
    return { ref: record.result?.ref ?? record.physicalId ?? '', attributes: record.result?.attributes ?? {}, skippedType: record.skippedType };
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
    plans.push({ logicalId: id, type: spec.Type, action: 'Modify', physicalId: record.physicalId, replacement: diff.replacement, changes: diff.changes });
    if (diff.replacement !== 'False') changing.add(id);
  }
  for (const [id, record] of current) {
    if (!next.order.includes(id) && record.status !== 'DELETE_COMPLETE') {
      plans.push({ logicalId: id, type: record.type, action: 'Remove', physicalId: record.physicalId, changes: [] });
    }
  }
  return plans;
}
