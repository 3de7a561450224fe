// A stack as the engine and the CloudFormation API see it: its status, its resources, the
// template and parameters it was last deployed with, and its events (newest first, as
// DescribeStackEvents lists them).
import { randomUUID } from 'node:crypto';
import type { Output, ResourceStatus, StackEvent, StackStatus, Tag } from '../models/cloudformation.types.ts';
import type { Dependencies } from './graph.ts';
import { javaOrderedJson } from './java-hash-order.ts';
import type { PseudoParameters } from './intrinsics.ts';
import type { PreparedTemplate } from './prepare.ts';
import type { ResourceProperties, ResourceResult } from './resource.ts';

export const STACK_TYPE = 'AWS::CloudFormation::Stack';
/** A stack tag (or change set tag) that deploys templates with unsupported resource types, skipping those. */
export const SKIP_UNSUPPORTED_TAG = 'localgate:skip-unsupported';

export interface ResourceRecord {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: ResourceStatus;
  reason?: string;
  updated: Date;
  /** The resolved properties the resource was last created or updated with. */
  properties: ResourceProperties;
  result?: ResourceResult;
  /** Set when the type is unsupported and the stack skips such resources. */
  skippedType?: string;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
  description?: string;
  metadata?: unknown;
}

export interface StackRecord {
  stackId: string;
  stackName: string;
  status: StackStatus;
  reason?: string;
  created: Date;
  updated?: Date;
  deleted?: Date;
  /** What the stack is deployed with; absent while a new stack waits in REVIEW_IN_PROGRESS. */
  prepared?: PreparedTemplate;
  resources: Map<string, ResourceRecord>;
  /** The dependency graph the current resources were deployed with (deletes run it backwards). */
  deps: Dependencies;
  events: StackEvent[];
  outputs: Output[];
  tags: Tag[];
  capabilities: string[];
  notificationARNs: string[];
  disableRollback: boolean;
  terminationProtection: boolean;
  /** The change set the stack was last created or updated with. */
  changeSetId?: string;
  roleARN?: string;
  timeoutInMinutes?: number;
  /** Export names this stack reads with Fn::ImportValue. */
  imports: Set<string>;
  /** The last client request token per operation, to answer retries idempotently. */
  requestTokens: Set<string>;
  /** The running (or last) operation; the next one waits for it. */
  operation: Promise<void>;
}

export function newStack(stackId: string, stackName: string, now = new Date()): StackRecord {
  return {
    stackId, stackName, status: 'REVIEW_IN_PROGRESS', created: now, resources: new Map(), deps: new Map(), events: [], outputs: [],
    tags: [], capabilities: [], notificationARNs: [], disableRollback: false, terminationProtection: false, imports: new Set(), requestTokens: new Set(), operation: Promise.resolve(),
  };
}

export function skipsUnsupported(tags: Tag[] | undefined): boolean {
  return (tags ?? []).some((t) => t.Key === SKIP_UNSUPPORTED_TAG && t.Value === 'true');
}

/** Sets the stack's status and records the stack event CloudFormation writes for it. */
export function setStackStatus(stack: StackRecord, status: StackStatus, reason?: string) {
  stack.status = status;
  stack.reason = reason;
  stack.events.unshift({
    StackId: stack.stackId, StackName: stack.stackName, EventId: randomUUID(), LogicalResourceId: stack.stackName,
    PhysicalResourceId: stack.stackId, ResourceType: STACK_TYPE, Timestamp: new Date(), ResourceStatus: status as ResourceStatus,
    ...(reason ? { ResourceStatusReason: reason } : {}),
  });
}

/** Records a resource event; the record's status changes unless `eventOnly` (progress notes such as "Resource creation Initiated"). */
export function resourceEvent(stack: StackRecord, record: ResourceRecord, status: ResourceStatus, reason?: string, physicalId = record.physicalId, properties = record.properties) {
  const now = new Date();
  record.status = status;
  record.reason = reason;
  record.updated = now;
  stack.events.unshift({
    StackId: stack.stackId, StackName: stack.stackName, EventId: `${record.logicalId}-${status}-${now.toISOString()}`,
    LogicalResourceId: record.logicalId, PhysicalResourceId: physicalId ?? '', ResourceType: record.type, Timestamp: now,
    ResourceStatus: status, ...(reason ? { ResourceStatusReason: reason } : {}),
    ...(properties && Object.keys(properties).length ? { ResourceProperties: javaOrderedJson(properties) } : {}),
  });
}

export const isInProgress = (status: StackStatus) => status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';

/** The pseudo parameters of a stack in an account and region (`aws-cn` and `aws-us-gov` partitions by region). */
export function pseudoParameters(stack: StackRecord, account: string, region: string): PseudoParameters {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return {
    AccountId: account, Region: region, StackName: stack.stackName, StackId: stack.stackId, Partition: partition,
    URLSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com', NotificationARNs: stack.notificationARNs,
  };
}
