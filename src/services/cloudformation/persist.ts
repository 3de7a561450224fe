// CloudFormation's part of a --state-dir: stacks (deleted ones too, as ListStacks shows
// them) with their resources, templates, parameters, outputs and events; change sets and
// exports. An operation cannot outlive the process: a stack saved while one ran comes back
// failed, as CloudFormation reports a stack whose operation could not finish.
import type { StackStatus } from '../../models/cloudformation.types.ts';
import { isInProgress, resourceEvent, setStackStatus, type StackRecord } from '../../cloudformation/stack.ts';
import type { PersistedPart } from '../../state/persistence.ts';
import type { CloudFormationScope, CloudFormationStore } from './store.ts';

type CloudFormationSnapshot = Array<{ account: string; region: string; state: CloudFormationScope }>;

const INTERRUPTED = 'localgate stopped while this operation was in progress';

/** What each in-progress stack status becomes when its operation was cut short. */
const INTERRUPTED_STATUS: Partial<Record<StackStatus, StackStatus>> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
  IMPORT_IN_PROGRESS: 'IMPORT_ROLLBACK_FAILED',
  IMPORT_ROLLBACK_IN_PROGRESS: 'IMPORT_ROLLBACK_FAILED',
};

export function cloudFormationPersistence(store: CloudFormationStore): PersistedPart {
  return {
    name: 'cloudformation',
    snapshot: (): CloudFormationSnapshot =>
      [...store.scopes.entries()].map(({ account, region, state }) => ({
        account,
        region,
        // The running operation (a promise) is the process's, not the stack's.
        state: { ...state, stacks: state.stacks.map(({ operation: _running, ...stack }) => stack as StackRecord) },
      })),
    restore(data: CloudFormationSnapshot) {
      for (const { account, region, state } of data) {
        for (const stack of state.stacks) {
          stack.operation = Promise.resolve();
          if (isInProgress(stack.status)) interrupt(stack);
        }
        for (const changeSet of state.changeSets.values()) {
          if (changeSet.status === 'CREATE_PENDING' || changeSet.status === 'CREATE_IN_PROGRESS') {
            changeSet.status = 'FAILED';
            changeSet.statusReason = INTERRUPTED;
          }
          if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') changeSet.executionStatus = 'EXECUTE_FAILED';
        }
        store.scopes.set(account, region, state);
      }
    },
  };
}

function interrupt(stack: StackRecord) {
  for (const resource of stack.resources.values()) {
    if (resource.status.endsWith('_IN_PROGRESS')) resourceEvent(stack, resource, resource.status.replace(/_IN_PROGRESS$/, '_FAILED') as typeof resource.status, INTERRUPTED);
  }
  setStackStatus(stack, INTERRUPTED_STATUS[stack.status] ?? stack.status, INTERRUPTED);
}
