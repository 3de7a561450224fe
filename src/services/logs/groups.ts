// Log groups and streams: create, describe, delete, retention and tags.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/logs.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import type { LogGroupRecord, LogsStore, LogStreamRecord } from './store.ts';

/** The retention periods CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const DAY_MS = 86_400_000;

export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message, 400);
const groupNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.', 400);

export const groupArn = (ctx: RequestContext, name: string) => `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`;

/** Logs' nextToken: the base64 offset of the next item. */
export function pageOf<V>(items: V[], token: string | undefined, size: number): { items: V[]; next?: string } {
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('The specified nextToken is invalid.');
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return { items: slice, next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

export class LogGroups {
  constructor(readonly store: LogsStore) {}

  /** A group by name or ARN (the *Identifier members accept either); retention applied. */
  group(ctx: RequestContext, nameOrArn: string | undefined): LogGroupRecord {
    if (!nameOrArn) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
    const arn = /^arn:aws[\w-]*:logs:[^:]*:\d{12}:log-group:([^:]+)(?::\*)?$/.exec(nameOrArn);
    const group = this.store.get(ctx.account, ctx.region).get(arn ? arn[1] : nameOrArn);
    if (!group) throw groupNotFound();
    if (group.retentionInDays !== undefined) {
      const cutoff = Date.now() - group.retentionInDays * DAY_MS;
      for (const stream of group.streams.values()) this.store.expire(stream, cutoff);
    }
    return group;
  }

  stream(group: LogGroupRecord, name: string): LogStreamRecord {
    const stream = group.streams.get(name);
    if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.', 400);
    return stream;
  }

  create(ctx: { account: string; region: string }, name: string, opts: { tags?: Record<string, string>; kmsKeyId?: string; logGroupClass?: LogGroupRecord['logGroupClass'] } = {}): LogGroupRecord {
    const groups = this.store.get(ctx.account, ctx.region);
    if (groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
    const group: LogGroupRecord = { name, creationTime: Date.now(), kmsKeyId: opts.kmsKeyId, logGroupClass: opts.logGroupClass ?? 'STANDARD', tags: { ...opts.tags }, streams: new Map() };
    groups.set(name, group);
    return group;
  }

  createStream(group: LogGroupRecord, name: string): LogStreamRecord {
    if (group.streams.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400);
    const stream: LogStreamRecord = { name, creationTime: Date.now(), events: [], dropped: 0, deleted: false };
    group.streams.set(name, stream);
    return stream;
  }
}

function storedBytes(group: LogGroupRecord): number {
  let n = 0;
  for (const s of group.streams.values()) for (const e of s.events) n += Buffer.byteLength(e.message);
  return n;
}

export class GroupsProvider {
  constructor(private readonly groups: LogGroups) {}

  createLogGroup(input: T.CreateLogGroupRequest, ctx: RequestContext): void {
    this.groups.create(ctx, input.logGroupName, { tags: input.tags, kmsKeyId: input.kmsKeyId, logGroupClass: input.logGroupClass as LogGroupRecord['logGroupClass'] });
  }

  deleteLogGroup(input: T.DeleteLogGroupRequest, ctx: RequestContext): void {
    const group = this.groups.group(ctx, input.logGroupName);
    for (const stream of group.streams.values()) this.groups.store.forget(stream);
    this.groups.store.get(ctx.account, ctx.region).delete(group.name);
  }

  describeLogGroups(input: T.DescribeLogGroupsRequest, ctx: RequestContext): T.DescribeLogGroupsResponse {
    if (input.logGroupNamePrefix && input.logGroupNamePattern) {
      throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    const pattern = input.logGroupNamePattern?.toLowerCase();
    const identifiers = input.logGroupIdentifiers?.map((id) => id.replace(/^arn:aws[\w-]*:logs:[^:]*:\d{12}:log-group:/, '').replace(/:\*$/, ''));
    const groups = [...this.groups.store.get(ctx.account, ctx.region).keys()]
      .sort()
      .filter((name) => (!input.logGroupNamePrefix || name.startsWith(input.logGroupNamePrefix)) && (!pattern || name.toLowerCase().includes(pattern)) && (!identifiers || identifiers.includes(name)))
      .map((name) => this.groups.group(ctx, name))
      .filter((g) => !input.logGroupClass || g.logGroupClass === input.logGroupClass);
    const page = pageOf(groups, input.nextToken, input.limit ?? 50);
    return {
      logGroups: page.items.map((g) => {
        const out: T.LogGroup = {
          logGroupName: g.name,
          creationTime: g.creationTime,
          metricFilterCount: 0,
          arn: `${groupArn(ctx, g.name)}:*`,
          storedBytes: storedBytes(g),
          logGroupClass: g.logGroupClass,
          logGroupArn: groupArn(ctx, g.name),
        };
        if (g.retentionInDays !== undefined) out.retentionInDays = g.retentionInDays;
        if (g.kmsKeyId) out.kmsKeyId = g.kmsKeyId;
        return out;
      }),
      nextToken: page.next,
    };
  }

  createLogStream(input: T.CreateLogStreamRequest, ctx: RequestContext): void {
    this.groups.createStream(this.groups.group(ctx, input.logGroupName), input.logStreamName);
  }

  deleteLogStream(input: T.DeleteLogStreamRequest, ctx: RequestContext): void {
    const group = this.groups.group(ctx, input.logGroupName);
    const stream = this.groups.stream(group, input.logStreamName);
    this.groups.store.forget(stream);
    group.streams.delete(stream.name);
  }

  describeLogStreams(input: T.DescribeLogStreamsRequest, ctx: RequestContext): T.DescribeLogStreamsResponse {
    const group = this.groups.group(ctx, input.logGroupIdentifier ?? input.logGroupName);
    const byTime = input.orderBy === 'LastEventTime';
    if (byTime && input.logStreamNamePrefix) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const last = (s: LogStreamRecord) => s.events[s.events.length - 1]?.timestamp ?? 0;
    const streams = [...group.streams.values()]
      .filter((s) => !input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix))
      .sort((a, b) => (byTime ? last(a) - last(b) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (input.descending) streams.reverse();
    const page = pageOf(streams, input.nextToken, input.limit ?? 50);
    return {
      logStreams: page.items.map((s) => {
        const out: T.LogStream = {
          logStreamName: s.name,
          creationTime: s.creationTime,
          arn: `${groupArn(ctx, group.name)}:log-stream:${s.name}`,
          storedBytes: 0,
        };
        if (s.events.length) {
          out.firstEventTimestamp = s.events[0].timestamp;
          out.lastEventTimestamp = last(s);
        }
        if (s.lastIngestionTime !== undefined) {
          out.lastIngestionTime = s.lastIngestionTime;
          out.uploadSequenceToken = sequenceToken(s);
        }
        return out;
      }),
      nextToken: page.next,
    };
  }

  putRetentionPolicy(input: T.PutRetentionPolicyRequest, ctx: RequestContext): void {
    if (!RETENTION_DAYS.includes(input.retentionInDays)) {
      throw invalidParameter(`1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    }
    this.groups.group(ctx, input.logGroupName).retentionInDays = input.retentionInDays;
    // Apply it now: events past the period go at once.
    this.groups.group(ctx, input.logGroupName);
  }

  deleteRetentionPolicy(input: T.DeleteRetentionPolicyRequest, ctx: RequestContext): void {
    delete this.groups.group(ctx, input.logGroupName).retentionInDays;
  }

  // The legacy *LogGroup tag calls name the group; the newer *Resource ones give its ARN.
  tagLogGroup(input: T.TagLogGroupRequest, ctx: RequestContext): void {
    this.tag(ctx, input.logGroupName, input.tags);
  }

  untagLogGroup(input: T.UntagLogGroupRequest, ctx: RequestContext): void {
    this.untag(ctx, input.logGroupName, input.tags);
  }

  listTagsLogGroup(input: T.ListTagsLogGroupRequest, ctx: RequestContext): T.ListTagsLogGroupResponse {
    return { tags: this.tagsOf(ctx, input.logGroupName) };
  }

  tagResource(input: T.TagResourceRequest, ctx: RequestContext): void {
    this.tag(ctx, input.resourceArn, input.tags);
  }

  untagResource(input: T.UntagResourceRequest, ctx: RequestContext): void {
    this.untag(ctx, input.resourceArn, input.tagKeys);
  }

  listTagsForResource(input: T.ListTagsForResourceRequest, ctx: RequestContext): T.ListTagsForResourceResponse {
    return { tags: this.tagsOf(ctx, input.resourceArn) };
  }

  private tag(ctx: RequestContext, nameOrArn: string, tags: Record<string, string>) {
    Object.assign(this.groups.group(ctx, nameOrArn).tags, tags);
  }

  private untag(ctx: RequestContext, nameOrArn: string, keys: string[]) {
    const group = this.groups.group(ctx, nameOrArn);
    for (const key of keys) delete group.tags[key];
  }

  private tagsOf(ctx: RequestContext, nameOrArn: string): Record<string, string> {
    return { ...this.groups.group(ctx, nameOrArn).tags };
  }
}

/** The 56-digit sequence token a stream's next upload would carry (no longer checked by AWS). */
export function sequenceToken(stream: LogStreamRecord): string {
  return String(stream.dropped + stream.events.length + 1).padStart(56, '0');
}
