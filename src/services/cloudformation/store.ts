// CloudFormation's state per account and region: stacks (deleted ones stay listable, as
// ListStacks shows them), change sets, and the exports stacks publish.
import type { Change, ChangeSetStatus, ExecutionStatus, Parameter, Tag } from '../../models/cloudformation.types.ts';
import type { ExportBook } from '../../cloudformation/operation.ts';
import type { PreparedTemplate } from '../../cloudformation/prepare.ts';
import type { StackRecord } from '../../cloudformation/stack.ts';
import { AccountRegionStore } from '../../state/store.ts';

export interface ChangeSetRecord {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  status: ChangeSetStatus;
  statusReason?: string;
  executionStatus: ExecutionStatus;
  created: Date;
  description?: string;
  /** Set once the change set is computed. */
  prepared?: PreparedTemplate;
  parameters: Parameter[];
  tags: Tag[];
  capabilities: string[];
  changes: Change[];
  onStackFailure?: string;
}

export interface CloudFormationScope {
  /** Every stack, deleted ones included, oldest first. */
  stacks: StackRecord[];
  changeSets: Map<string, ChangeSetRecord>;
  exports: Map<string, { value: string; stackId: string; stackName: string }>;
}

export class CloudFormationStore {
  readonly scopes = new AccountRegionStore<CloudFormationScope>(() => ({ stacks: [], changeSets: new Map(), exports: new Map() }));

  scope(account: string, region: string): CloudFormationScope {
    return this.scopes.get(account, region);
  }

  /** The live stack of that name, or the stack (deleted or not) with that id. */
  find(account: string, region: string, nameOrId: string): StackRecord | undefined {
    const { stacks } = this.scope(account, region);
    if (nameOrId.startsWith('arn:')) return stacks.find((s) => s.stackId === nameOrId);
    return stacks.find((s) => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE');
  }

  exportBook(account: string, region: string): ExportBook {
    const scope = this.scope(account, region);
    const drop = (stackId: string) => { for (const [name, e] of scope.exports) if (e.stackId === stackId) scope.exports.delete(name); };
    return {
      get: (name) => scope.exports.get(name),
      importers: (name) => scope.stacks.filter((s) => s.status !== 'DELETE_COMPLETE' && s.imports.has(name)).map((s) => s.stackName),
      publish: (stack) => {
        drop(stack.stackId);
        for (const o of stack.outputs) {
          if (o.ExportName) scope.exports.set(o.ExportName, { value: o.OutputValue ?? '', stackId: stack.stackId, stackName: stack.stackName });
        }
      },
      withdraw: (stack) => drop(stack.stackId),
    };
  }

  /** Every stack of every scope, for settling operations. */
  *allStacks(): Generator<StackRecord> {
    for (const { state } of this.scopes.entries()) yield* state.stacks;
  }

  /** Every scope's stacks with its account and region (read-only, for the console). */
  *stackScopes(): Generator<{ account: string; region: string; stacks: readonly StackRecord[] }> {
    for (const { account, region, state } of this.scopes.entries()) yield { account, region, stacks: state.stacks };
  }

  reset() {
    this.scopes.clear();
  }
}
