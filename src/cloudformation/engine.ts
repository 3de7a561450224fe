// Runs stack operations as CloudFormation does: create (a failure rolls back what was
// created), update (add, modify, replace, remove; a failure returns to the previous state)
// and delete (reverse dependency order, DeletionPolicy: Retain honoured), with CloudFormation's
// stack and resource statuses, events and reasons.
import type { RequestContext } from '../protocol/engine.ts';
import { unsupportedAttribute } from './attributes.ts';
import { topologicalOrder, type Dependencies } from './graph.ts';
import { cloneRecord, Operation, reasonOf, type EngineDeps } from './operation.ts';
import { checkExports, evaluateOutputs, exportsInUse } from './outputs.ts';
import { diffProperties } from './plan.ts';
import type { PreparedTemplate } from './prepare.ts';
import { reverse, runInOrder } from './scheduler.ts';
import { setStackStatus, type ResourceRecord, type StackRecord } from './stack.ts';

export interface CreateOptions {
  /** DisableRollback, or OnFailure DO_NOTHING: a failed create stays CREATE_FAILED. */
  disableRollback: boolean;
  /** OnFailure DELETE: a rolled-back stack is then deleted. */
  deleteOnFailure: boolean;
  skipUnsupported: boolean;
}

const failedList = (ids: string[]) => `[${[...ids].sort().join(', ')}]`;

export class StackEngine {
  constructor(readonly deps: EngineDeps) {}

  async create(stack: StackRecord, prepared: PreparedTemplate, request: RequestContext, options: CreateOptions): Promise<void> {
    setStackStatus(stack, 'CREATE_IN_PROGRESS', 'User Initiated');
    stack.prepared = prepared;
    stack.deps = prepared.deps;
    stack.resources = new Map();
    const op = new Operation(stack, prepared, request, this.deps, stack.resources, options);
    const failure = unsupportedAttribute(prepared, this.deps.types) ?? await this.createAll(op, prepared.order);
    if (!failure) {
      setStackStatus(stack, 'CREATE_COMPLETE');
      return;
    }
    if (options.disableRollback) {
      setStackStatus(stack, 'CREATE_FAILED', failure);
      return;
    }
    // A resource failure ends with a space; an outputs failure (e.g. an export) does not.
    setStackStatus(stack, 'ROLLBACK_IN_PROGRESS', `${failure.endsWith(' ') ? failure : `${failure} `}Rollback requested by user.`);
    const deleted = await this.deleteAll(op, stack.resources, stack.deps);
    stack.outputs = [];
    if (!deleted.ok) {
      setStackStatus(stack, 'ROLLBACK_FAILED', `The following resource(s) failed to delete: ${failedList(deleted.failed)}. `);
      return;
    }
    setStackStatus(stack, 'ROLLBACK_COMPLETE');
    if (options.deleteOnFailure) {
      setStackStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
      this.finishDelete(stack, request);
    }
  }

  /** Creates every resource in order, then the outputs and exports; returns the failure reason, if any. */
  private async createAll(op: Operation, order: string[]): Promise<string | undefined> {
    const { stack } = op;
    const result = await runInOrder(order, (id) => op.prepared.deps.get(id) ?? [], async (id) => {
      const record = op.newRecord(id);
      stack.resources.set(id, record);
      await op.create(record);
      return true;
    });
    if (result.failed.length) return `The following resource(s) failed to create: ${failedList(result.failed)}. `;
    return this.finishOutputs(op);
  }

  /** Outputs and exports once the resources are in place; a failure here fails the operation. */
  private finishOutputs(op: Operation): string | undefined {
    const book = this.deps.exports(op.request.account, op.request.region);
    try {
      const outputs = evaluateOutputs(op);
      checkExports(op.stack, outputs, book);
      op.stack.outputs = outputs;
      op.stack.imports = op.imports;
      book.publish(op.stack);
      return undefined;
    } catch (err) {
      return reasonOf(err);
    }
  }

  async update(stack: StackRecord, prepared: PreparedTemplate, request: RequestContext, options: { skipUnsupported: boolean; disableRollback: boolean }): Promise<void> {
    const previous = { prepared: stack.prepared!, deps: stack.deps, outputs: stack.outputs, imports: stack.imports };
    const old = new Map([...stack.resources].filter(([, r]) => r.status !== 'DELETE_COMPLETE').map(([id, r]) => [id, cloneRecord(r)]));
    setStackStatus(stack, 'UPDATE_IN_PROGRESS', 'User Initiated');
    stack.updated = new Date();
    const next = new Map(old);
    stack.resources = next;
    const op = new Operation(stack, prepared, request, this.deps, next, options);
    /** Logical ids created by this update (new resources and the new halves of replacements). */
    const created: string[] = [];
    const replaced = new Map<string, ResourceRecord>();
    const updatedInPlace = new Map<string, ResourceRecord>();

    const result = await runInOrder(prepared.order, (id) => prepared.deps.get(id) ?? [], async (id) => {
      const before = old.get(id);
      if (!before) {
        const record = op.newRecord(id);
        next.set(id, record);
        created.push(id);
        await op.create(record);
        return true;
      }
      const spec = prepared.template.Resources[id];
      const impl = this.deps.types(spec.Type);
      const props = op.properties(id);
      const diff = before.type === spec.Type ? diffProperties(impl, before.properties, props) : { changes: [], replacement: 'True' as const };
      if (!diff.replacement) return true;
      const record: ResourceRecord = { ...op.newRecord(id), physicalId: before.physicalId, result: before.result, properties: before.properties, status: before.status };
      next.set(id, record);
      if (diff.replacement === 'False' && impl?.update) {
        updatedInPlace.set(id, before);
        await op.update(record, props, before);
        // An update that answers a new physical id (a custom resource may) replaced the
        // resource: the old one is deleted during cleanup, as CloudFormation does.
        if (record.physicalId !== before.physicalId) replaced.set(id, before);
      } else {
        replaced.set(id, before);
        created.push(id);
        await op.create(record, true);
      }
      return true;
    });

    let failure = result.failed.length ? `The following resource(s) failed to ${result.failed.some((id) => !old.has(id)) ? 'create' : 'update'}: ${failedList(result.failed)}. ` : undefined;
    failure ??= this.finishOutputs(op);
    if (!failure) {
      stack.prepared = prepared;
      stack.deps = prepared.deps;
      setStackStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
      await this.cleanup(op, old, previous.deps, prepared.order, replaced);
      setStackStatus(stack, 'UPDATE_COMPLETE');
      return;
    }
    if (options.disableRollback) {
      setStackStatus(stack, 'UPDATE_FAILED', failure);
      return;
    }
    setStackStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', failure);
    const rollbackOp = new Operation(stack, previous.prepared, request, this.deps, next, options);
    /** What this update created, to delete once the old state is back. */
    const newHalves = new Map(created.map((id) => [id, next.get(id)!]));
    for (const id of created) {
      const before = replaced.get(id);
      if (before) next.set(id, before);
      else next.delete(id);
    }
    // Resources updated in place go back to their old properties, dependents first.
    for (const id of topologicalOrder(prepared.deps).reverse().filter((id) => updatedInPlace.has(id))) {
      const before = updatedInPlace.get(id)!;
      const current = next.get(id)!;
      try {
        await rollbackOp.update(current, before.properties, { ...before, properties: current.properties, result: current.result });
      } catch {
        // The UPDATE_FAILED event records why; the rollback carries on with the rest.
      }
    }
    stack.prepared = previous.prepared;
    stack.deps = previous.deps;
    stack.outputs = previous.outputs;
    stack.imports = previous.imports;
    setStackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    await this.deleteAll(rollbackOp, newHalves, prepared.deps);
    setStackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE');
  }

  /** After a successful update: deletes removed resources and the old halves of replacements. */
  private async cleanup(op: Operation, old: Map<string, ResourceRecord>, oldDeps: Dependencies, newOrder: string[], replaced: Map<string, ResourceRecord>) {
    const removed = new Map([...old].filter(([id]) => !newOrder.includes(id)));
    await this.deleteAll(op, removed, oldDeps);
    for (const id of removed.keys()) op.stack.resources.delete(id);
    for (const [, before] of replaced) {
      // The old physical resource goes; the record (now the new one) stays, so events name the old id.
      const ghost = cloneRecord(before);
      try {
        await op.delete(ghost, ghost.updateReplacePolicy);
      } catch {
        // DELETE_FAILED is recorded; CloudFormation completes the update regardless.
      }
    }
  }

  /** Deletes a stack; `retain` names resources left in place (DeleteStack's RetainResources). */
  async delete(stack: StackRecord, request: RequestContext, retain: ReadonlySet<string> = new Set()): Promise<void> {
    setStackStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
    const book = this.deps.exports(request.account, request.region);
    const inUse = exportsInUse(stack, book);
    if (inUse) {
      setStackStatus(stack, 'DELETE_FAILED', `Delete canceled. ${inUse}`);
      return;
    }
    if (stack.prepared) {
      const op = new Operation(stack, stack.prepared, request, this.deps, stack.resources, { skipUnsupported: true });
      const live = new Map([...stack.resources].filter(([, r]) => r.status !== 'DELETE_COMPLETE' && r.status !== 'DELETE_SKIPPED'));
      const result = await this.deleteAll(op, live, stack.deps, retain);
      if (!result.ok) {
        setStackStatus(stack, 'DELETE_FAILED', `The following resource(s) failed to delete: ${failedList(result.failed)}. `);
        return;
      }
    }
    this.finishDelete(stack, request);
  }

  private finishDelete(stack: StackRecord, request: RequestContext) {
    this.deps.exports(request.account, request.region).withdraw(stack);
    stack.imports = new Set();
    stack.deleted = new Date();
    setStackStatus(stack, 'DELETE_COMPLETE');
  }

  /** Deletes records in reverse dependency order (a record whose create failed only gets its events). */
  private async deleteAll(op: Operation, records: Map<string, ResourceRecord>, deps: Dependencies, retain: ReadonlySet<string> = new Set()) {
    const graph = reverse(new Map([...records.keys()].map((id) => [id, new Set([...(deps.get(id) ?? [])].filter((d) => records.has(d)))])));
    const result = await runInOrder([...records.keys()], (id) => graph.get(id) ?? [], async (id) => {
      try {
        const record = records.get(id)!;
        await op.delete(record, retain.has(id) ? 'Retain' : record.deletionPolicy);
        return true;
      } catch {
        return false;
      }
    });
    return { ok: !result.failed.length, failed: result.failed };
  }
}
