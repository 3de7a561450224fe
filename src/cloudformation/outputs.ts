// Outputs and exports: evaluated when a stack's resources are in place; an export name is
// unique in its account and region, and an export another stack imports can be neither
// removed nor changed.
import type { Output } from '../models/cloudformation.types.ts';
import { validationError } from './errors.ts';
import { resolve } from './intrinsics.ts';
import type { ExportBook, Operation } from './operation.ts';
import type { StackRecord } from './stack.ts';

export function evaluateOutputs(op: Operation): Output[] {
  const ctx = op.evalContext();
  const outputs: Output[] = [];
  for (const [key, spec] of Object.entries<any>(op.prepared.template.Outputs ?? {})) {
    if (spec.Condition !== undefined && ctx.condition(spec.Condition) !== true) continue;
    let value: unknown;
    try {
      value = resolve(spec.Value, ctx);
    } catch (err) {
      // An output reading an attribute of a resource skipped as unsupported has no value to
      // show; leaving it out keeps the rest of the stack usable.
      if ((err as { skippedResource?: string }).skippedResource) continue;
      throw err;
    }
    if (typeof value === 'object' && value !== null) {
      throw validationError(`Template format error: The Value of output ${key} must be a string, but it evaluates to ${JSON.stringify(value)}`);
    }
    const output: Output = { OutputKey: key, OutputValue: String(value) };
    if (spec.Description !== undefined) output.Description = String(resolve(spec.Description, ctx));
    if (spec.Export !== undefined) output.ExportName = String(resolve(spec.Export?.Name, ctx));
    outputs.push(output);
  }
  return outputs;
}

/** The checks CloudFormation makes before a stack's exports change from `stack.outputs` to `next`. */
export function checkExports(stack: StackRecord, next: Output[], book: ExportBook): void {
  for (const output of next) {
    if (!output.ExportName) continue;
    const owner = book.get(output.ExportName);
    if (owner && owner.stackId !== stack.stackId) {
      throw validationError(`Export with name ${output.ExportName} is already exported by stack ${owner.stackName}`);
    }
  }
  for (const old of stack.outputs) {
    if (!old.ExportName) continue;
    const users = book.importers(old.ExportName).filter((name) => name !== stack.stackName);
    if (!users.length) continue;
    const now = next.find((o) => o.ExportName === old.ExportName);
    if (!now) throw validationError(`Export ${old.ExportName} cannot be deleted as it is in use by ${users.join(', ')}`);
    if (now.OutputValue !== old.OutputValue) throw validationError(`Cannot update export ${old.ExportName} as it is in use by ${users.join(', ')}`);
  }
}

/** The exports of a stack being deleted that other stacks still import. */
export function exportsInUse(stack: StackRecord, book: ExportBook): string | undefined {
  for (const output of stack.outputs) {
    if (!output.ExportName) continue;
    const users = book.importers(output.ExportName).filter((name) => name !== stack.stackName);
    if (users.length) return `Cannot delete export ${output.ExportName} as it is in use by ${users.join(', ')}.`;
  }
  return undefined;
}
