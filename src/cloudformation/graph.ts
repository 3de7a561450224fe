// The dependency graph of a template's resources: DependsOn, Ref, Fn::GetAtt and the names a
// Fn::Sub string mentions. Refs to nothing, unknown functions and cycles are ValidationErrors
// that name the culprit, raised before anything is created.
import { formatError, validationError } from './errors.ts';
import { intrinsicName, supportedFunctions, unsupportedFunction } from './intrinsics.ts';
import type { Template } from './transform.ts';

/** logical id -> the logical ids it depends on. */
export type Dependencies = Map<string, Set<string>>;

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/**
 * The names a fragment refers to. With `condition`, only the branch of each Fn::If that the
 * condition takes is followed (the other branch is never evaluated).
 */
export function references(value: unknown, condition?: (name: string) => boolean | undefined): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown, shadowed: Set<string>) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, shadowed));
    if (node === null || typeof node !== 'object') return;
    const fn = intrinsicName(node);
    const arg = (node as Record<string, unknown>)[fn ?? ''];
    if (fn === 'Ref' && typeof arg === 'string') return void found.add(arg);
    if (fn === 'Fn::GetAtt') {
      if (typeof arg === 'string') return void found.add(arg.split('.')[0]);
      if (Array.isArray(arg) && typeof arg[0] === 'string') { found.add(arg[0]); return visit(arg[1], shadowed); }
    }
    if (fn === 'Fn::Sub') {
      const [text, vars] = Array.isArray(arg) ? arg : [arg, undefined];
      const names = new Set(vars && typeof vars === 'object' ? Object.keys(vars) : []);
      if (typeof text === 'string') {
        for (const match of text.matchAll(SUB_VARIABLE)) {
          const name = match[1].trim();
          if (!names.has(name) && !shadowed.has(name)) found.add(name.startsWith('AWS::') ? name : name.split('.')[0]);
        }
      }
      return visit(vars, shadowed);
    }
    if (fn === 'Fn::If' && condition && Array.isArray(arg) && typeof arg[0] === 'string') {
      const taken = condition(arg[0]);
      if (taken !== undefined) return visit(taken ? arg[1] : arg[2], shadowed);
    }
    for (const member of Object.values(node)) visit(member, shadowed);
  };
  visit(value, new Set());
  return found;
}

/** Rejects any `Fn::*` the template uses that CloudFormation does not define. */
export function checkFunctions(value: unknown, languageExtensions: boolean): void {
  const supported = new Set(supportedFunctions(languageExtensions));
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, member] of Object.entries(node)) {
      if (key.startsWith('Fn::') && !supported.has(key)) throw unsupportedFunction(key, languageExtensions);
      visit(member);
    }
  };
  visit(value);
}

export interface GraphInput {
  template: Template;
  /** The resources whose Condition holds (others are not part of the stack). */
  included: Set<string>;
  parameters: Set<string>;
  condition(name: string): boolean | undefined;
}

/** Builds and checks the dependency graph of the included resources. */
export function dependencyGraph({ template, included, parameters, condition }: GraphInput): Dependencies {
  const resources: Record<string, any> = template.Resources;
  const known = (name: string) => parameters.has(name) || name.startsWith('AWS::') || Object.hasOwn(resources, name);
  const unresolved = new Set<string>();
  const deps: Dependencies = new Map();
  for (const id of included) checkGetAtts(resources[id].Properties, resources);
  for (const id of included) {
    const resource = resources[id];
    // Every branch must name something that exists; only taken branches create dependencies.
    for (const name of references(resource.Properties ?? {})) if (!known(name)) unresolved.add(name);
    const explicit = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat() as string[];
    for (const name of explicit) if (!Object.hasOwn(resources, name)) unresolved.add(name);
    const on = new Set<string>();
    for (const name of [...references(resource.Properties ?? {}, condition), ...explicit]) {
      if (Object.hasOwn(resources, name)) {
        if (!included.has(name)) throw formatError(`Unresolved resource dependencies [${name}] in the Resources block of the template`);
        on.add(name);
      }
    }
    deps.set(id, on);
  }
  if (unresolved.size) throw formatError(`Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`);
  for (const [id, on] of deps) {
    if (on.has(id)) throw validationError(`Circular dependency between resources: [${id}]`);
  }
  topologicalOrder(deps);
  return deps;
}

/** Checks the Outputs section's references against the included resources. */
export function checkOutputs(template: Template, included: Set<string>, parameters: Set<string>, condition: (name: string) => boolean | undefined): void {
  const missing = new Set<string>();
  for (const output of Object.values<any>(template.Outputs ?? {})) {
    if (output.Condition !== undefined && condition(output.Condition) === false) continue;
    for (const name of references(output, condition)) {
      if (!parameters.has(name) && !name.startsWith('AWS::') && !included.has(name)) missing.add(name);
    }
  }
  if (!missing.size) return;
  const message = `Unresolved resource dependencies [${[...missing].join(', ')}] in the Outputs block of the template`;
  // A resource its condition leaves out is found missing later than a name the template lacks,
  // and AWS words it without the format-error prefix (recorded: test_output_reference_to_skipped_resource).
  const allDeclared = [...missing].every((name) => Object.hasOwn(template.Resources ?? {}, name));
  throw allDeclared ? validationError(message) : formatError(message);
}

function checkGetAtts(value: unknown, resources: Record<string, unknown>) {
  if (Array.isArray(value)) return value.forEach((v) => checkGetAtts(v, resources));
  if (value === null || typeof value !== 'object') return;
  const arg = (value as Record<string, unknown>)['Fn::GetAtt'];
  if (intrinsicName(value) === 'Fn::GetAtt') {
    const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
    if (typeof target !== 'string' || !Object.hasOwn(resources, target)) {
      throw validationError(`Template error: instance of Fn::GetAtt references undefined resource ${String(target)}`);
    }
  }
  Object.values(value).forEach((v) => checkGetAtts(v, resources));
}

/** Resources in an order where each comes after what it depends on; a cycle names its members. */
export function topologicalOrder(deps: Dependencies): string[] {
  const order: string[] = [];
  const remaining = new Map([...deps].map(([id, on]) => [id, new Set([...on].filter((d) => deps.has(d)))]));
  while (remaining.size) {
    const ready = [...remaining].filter(([, on]) => on.size === 0).map(([id]) => id);
    if (!ready.length) throw validationError(`Circular dependency between resources: [${[...remaining.keys()].join(', ')}]`);
    for (const id of ready) {
      order.push(id);
      remaining.delete(id);
      for (const on of remaining.values()) on.delete(id);
    }
  }
  return order;
}
