// The Conditions and Rules sections: conditions are evaluated once per stack operation
// (they may name each other); rules assert over parameter values before anything is created.
import { formatError, validationError } from './errors.ts';
import { resolve, type EvalContext } from './intrinsics.ts';

/** Evaluates every condition, following `Condition` references; a cycle is a template error. */
export function evaluateConditions(definitions: Record<string, unknown> = {}, base: Omit<EvalContext, 'condition' | 'resource'>): Record<string, boolean> {
  const values: Record<string, boolean> = {};
  const visiting = new Set<string>();
  const ctx: EvalContext = {
    ...base,
    condition: (name) => (Object.hasOwn(definitions, name) ? evaluate(name) : undefined),
    resource: (id) => {
      throw formatError(`Unresolved dependencies [${id}]. Cannot reference resources in the Conditions block of the template`);
    },
  };
  function evaluate(name: string): boolean {
    if (Object.hasOwn(values, name)) return values[name];
    if (visiting.has(name)) throw formatError(`Circular dependency between conditions: [${[...visiting].join(', ')}]`);
    visiting.add(name);
    const value = resolve(definitions[name], ctx);
    visiting.delete(name);
    if (typeof value !== 'boolean') throw formatError(`Condition ${name} must be a boolean condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)`);
    values[name] = value;
    return value;
  }
  for (const name of Object.keys(definitions)) evaluate(name);
  return values;
}

/** Checks the Rules section: a failing assertion is a ValidationError with its AssertDescription. */
export function checkRules(rules: Record<string, any> = {}, ctx: EvalContext, parameterTypes: Record<string, string>): void {
  const ruleCtx: EvalContext = { ...ctx, rules: { parameterTypes } };
  for (const [name, rule] of Object.entries(rules)) {
    if (rule?.RuleCondition !== undefined && resolve(rule.RuleCondition, ruleCtx) !== true) continue;
    const assertions = rule?.Assertions;
    if (!Array.isArray(assertions)) throw formatError(`Every Rules member must contain an Assertions list; rule ${name} has none`);
    for (const assertion of assertions) {
      if (resolve(assertion?.Assert, ruleCtx) !== true) {
        throw validationError(assertion?.AssertDescription ? String(assertion.AssertDescription) : `Template error: Rule ${name} failed: an assertion is false`);
      }
    }
  }
}
