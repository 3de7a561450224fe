// One stack operation's view of its resources: evaluates properties against what exists so
// far, and creates, updates or deletes one resource through its type, writing the events
// CloudFormation writes.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../protocol/engine.ts';
import { validationError } from './errors.ts';
import { resolve, type EvalContext, type ResourceValues } from './intrinsics.ts';
import type { PreparedTemplate } from './prepare.ts';
import { missingRequired, type ResourceContext, type ResourceProperties, type ResourceResult, type ResourceServices, type ResourceType } from './resource.ts';
import { pseudoParameters, resourceEvent, type ResourceRecord, type StackRecord } from './stack.ts';

/** The exports of one account and region (Outputs with an Export name) and who imports them. */
export interface ExportBook {
  get(name: string): { value: string; stackId: string; stackName: string } | undefined;
  /** Names of the live stacks that import an export. */
  importers(name: string): string[];
  /** Replaces a stack's exports with what its outputs export now. */
  publish(stack: StackRecord): void;
  withdraw(stack: StackRecord): void;
}

export interface EngineDeps {
  types(type: string): ResourceType | undefined;
  services: ResourceServices;
  exports(account: string, region: string): ExportBook;
}

const NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A physical name as CloudFormation generates one: `{stack}-{logicalId}-{RANDOM}`, shortened to fit. */
export function generateName(stackName: string, logicalId: string, maxLength = 255): string {
  const bytes = randomBytes(12);
  const suffix = [...bytes].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
  const room = Math.max(0, maxLength - suffix.length - 2);
  let stack = stackName;
  let logical = logicalId;
  while (stack.length + logical.length > room && (stack.length || logical.length)) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  return `${stack}-${logical}-${suffix}`.slice(0, maxLength);
}

export class Operation {
  /** Export names read by Fn::ImportValue during this operation. */
  readonly imports = new Set<string>();
  readonly skipUnsupported: boolean;

  constructor(
    readonly stack: StackRecord,
    readonly prepared: PreparedTemplate,
    readonly request: RequestContext,
    readonly deps: EngineDeps,
    /** The records this operation reads `Ref`/`GetAtt` from (the new set, as it is built). */
    readonly records: Map<string, ResourceRecord>,
    options: { skipUnsupported: boolean },
  ) {
    this.skipUnsupported = options.skipUnsupported;
  }

  evalContext(): EvalContext {
    const { prepared, request, stack } = this;
    return {
      parameters: prepared.parameters.values,
      pseudo: pseudoParameters(stack, request.account, request.region),
      mappings: prepared.template.Mappings ?? {},
      condition: (name) => (Object.hasOwn(prepared.conditions, name) ? prepared.conditions[name] : undefined),
      resource: (id) => this.values(id),
      importValue: (name) => {
        const value = this.deps.exports(request.account, request.region).get(name)?.value;
        if (value === undefined) throw validationError(`No export named ${name} found`);
        this.imports.add(name);
        return value;
      },
      languageExtensions: prepared.languageExtensions,
    };
  }

  private values(id: string): ResourceValues | undefined {
    if (!this.prepared.order.includes(id)) return undefined;
    const record = this.records.get(id);
    if (!record?.result && !record?.skippedType) return undefined;
    return { ref: record.result?.ref ?? record.physicalId ?? '', attributes: record.result?.attributes ?? {}, skippedType: record.skippedType };
  }

  resourceContext(record: ResourceRecord): ResourceContext {
    const logicalId = record.logicalId;
    return {
      request: this.request, services: this.deps.services, stackName: this.stack.stackName, stackId: this.stack.stackId, logicalId, resourceType: record.type,
      generateName: (maxLength) => generateName(this.stack.stackName, logicalId, maxLength),
    };
  }

  /** The template's properties for a resource, resolved against what exists now. */
  properties(id: string): ResourceProperties {
    return resolve(this.prepared.template.Resources[id].Properties ?? {}, this.evalContext());
  }

  /** A record for a resource of the new template, before it is created. */
  newRecord(id: string): ResourceRecord {
    const spec = this.prepared.template.Resources[id];
    return {
      logicalId: id, type: spec.Type, status: 'CREATE_IN_PROGRESS', updated: new Date(), properties: {},
      deletionPolicy: spec.DeletionPolicy, updateReplacePolicy: spec.UpdateReplacePolicy, description: spec.Description, metadata: spec.Metadata,
    };
  }

  /**
   * Creates a resource (a new one, or the new physical resource of a replacement, `replacing`).
   * Returns the record, or throws with the status reason after writing the failure event.
   */
  async create(record: ResourceRecord, replacing = false): Promise<void> {
    const [inProgress, complete, failed] = replacing
      ? ['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED'] as const
      : ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'CREATE_FAILED'] as const;
    // The first event already shows the resolved properties (when they resolve).
    let props: ResourceProperties | undefined;
    let unresolved: unknown;
    try {
      props = this.properties(record.logicalId);
    } catch (err) {
      unresolved = err;
    }
    if (replacing) resourceEvent(this.stack, record, inProgress, 'Requested update requires the creation of a new physical resource; hence creating one.', record.physicalId, props);
    else resourceEvent(this.stack, record, inProgress, undefined, '', props);
    try {
      const impl = this.deps.types(record.type);
      if (props === undefined) {
        // Under skip-unsupported, a resource reading an attribute of a skipped one (an IAM
        // policy naming a DynamoDB table's Arn, as CDK grants write) is skipped too, saying why.
        const skipped = (unresolved as { skippedResource?: string }).skippedResource;
        if (!skipped || !this.skipUnsupported) throw unresolved;
        this.skip(record, {}, complete, `Skipped: its properties read an attribute of ${skipped}, which was skipped as unsupported`);
        return;
      }
      if (!impl) {
        if (!this.skipUnsupported) {
          throw new Error(`Resource type ${record.type} of resource ${record.logicalId} is not supported by localgate (tag the stack ${'localgate:skip-unsupported'}=true to deploy the rest without it)`);
        }
        this.skip(record, props, complete, `Skipped: localgate does not support resource type ${record.type}`);
        return;
      }
      const invalid = missingRequired(impl, props);
      if (invalid) throw new Error(invalid);
      const result = await impl.create(props, this.resourceContext(record));
      record.properties = props;
      record.physicalId = result.physicalId;
      record.result = result;
      record.skippedType = undefined;
      resourceEvent(this.stack, record, inProgress, 'Resource creation Initiated');
      resourceEvent(this.stack, record, complete);
    } catch (err) {
      resourceEvent(this.stack, record, failed, reasonOf(err), record.physicalId, props);
      throw err;
    }
  }

  /** Records a resource as skipped (created as far as the stack is concerned, with nothing behind it). */
  private skip(record: ResourceRecord, props: ResourceProperties, status: 'CREATE_COMPLETE' | 'UPDATE_COMPLETE', reason: string): void {
    record.properties = props;
    record.skippedType = record.type;
    record.physicalId = generateName(this.stack.stackName, record.logicalId, 128);
    record.result = undefined;
    resourceEvent(this.stack, record, status, reason);
  }

  /** Updates a resource in place from `old` (its previous record) to the new properties. */
  async update(record: ResourceRecord, props: ResourceProperties, old: ResourceRecord): Promise<void> {
    resourceEvent(this.stack, record, 'UPDATE_IN_PROGRESS', undefined, record.physicalId, props);
    try {
      const impl = this.deps.types(record.type);
      const invalid = missingRequired(impl!, props);
      if (invalid) throw new Error(invalid);
      const result = await impl!.update!(record.physicalId!, old.properties, props, this.resourceContext(record), old.result!);
      record.properties = props;
      record.result = result;
      record.physicalId = result.physicalId;
      resourceEvent(this.stack, record, 'UPDATE_COMPLETE');
    } catch (err) {
      resourceEvent(this.stack, record, 'UPDATE_FAILED', reasonOf(err), record.physicalId, props);
      throw err;
    }
  }

  /** Deletes a resource (honouring `Retain`); `policy` is the DeletionPolicy or UpdateReplacePolicy that applies. */
  async delete(record: ResourceRecord, policy = record.deletionPolicy): Promise<void> {
    if (policy === 'Retain' || policy === 'RetainExceptOnCreate') {
      resourceEvent(this.stack, record, 'DELETE_SKIPPED');
      return;
    }
    resourceEvent(this.stack, record, 'DELETE_IN_PROGRESS');
    try {
      const impl = this.deps.types(record.type);
      if (impl && record.physicalId && record.result && !record.skippedType) {
        await impl.delete(record.physicalId, record.properties, this.resourceContext(record), record.result);
      }
      resourceEvent(this.stack, record, 'DELETE_COMPLETE');
    } catch (err) {
      resourceEvent(this.stack, record, 'DELETE_FAILED', reasonOf(err));
      throw err;
    }
  }
}

export function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code && e.code !== 'ValidationError') return `${e.message} (Service: ${e.code})`;
  return e?.message ?? String(err);
}

export const cloneRecord = (r: ResourceRecord): ResourceRecord => ({ ...r });
export type { ResourceResult };
