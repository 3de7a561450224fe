// The Lambda data plane: Invoke for the SDK and for API Gateway integrations. Resolves the
// function and qualifier, applies Lambda's payload and concurrency limits and runs the
// invocation in an execution environment. Event invocations go to the AsyncRunner (async.ts).
import { createHash, randomUUID } from 'node:crypto';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { FunctionLogSink } from '../logs/index.ts';
import type { EnvironmentPool } from '../../runtime/pool.ts';
import type { FunctionSpec } from '../../runtime/launch.ts';
import { tail } from '../../runtime/logs.ts';
import { functionArn, notFound, parseFunctionRef } from './arn.ts';
import { AsyncRunner, type AsyncEvent, type AsyncOptions } from './async.ts';
import { dirSignature } from './hot-reload.ts';
import { publishInvocation, type InvokeRequest, type InvokeResult, type LambdaInvoker } from './invoker.ts';
import type { LambdaFunction, LambdaStore, VersionRecord } from './store.ts';
import { resolveQualifier, type ResolvedTarget } from './versions.ts';

/** Largest synchronous invocation payload (6 MB). */
export const MAX_PAYLOAD_BYTES = 6_291_456;
/** Largest asynchronous (Event) invocation payload (1 MB, per the Invoke API reference). */
const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;

const tooLarge = (limit: number) => lambdaErrors.requestTooLarge(`Request must be smaller than ${limit} bytes for the InvokeFunction operation`);

/** A client's payload as Lambda takes it: at most `limit` bytes of JSON; empty means {}. */
function clientPayload(payload: Buffer, limit: number): Buffer {
  if (payload.length > limit) throw tooLarge(limit);
  if (!payload.length) return Buffer.from('{}');
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (err) {
    throw lambdaErrors.invalidRequestContent(`Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`);
  }
  return payload;
}

/** A version's FunctionSpec and its keys in the pool: `prefix` names every environment of
 * the version, `key` those running this very spec (`revision` tells when to rebuild it). */
interface SpecEntry {
  spec: FunctionSpec;
  prefix: string;
  key: string;
  revision?: string;
}

export interface InvokerOptions {
  /** The endpoint functions' SDKs call (AWS_ENDPOINT_URL), known once the server listens. */
  endpointUrl: () => string;
  quiet: boolean;
  /** Receives each invocation's log (CloudWatch Logs' /aws/lambda/{name}). */
  logSink?: FunctionLogSink;
  async?: AsyncOptions;
}

export class LocalLambdaInvoker implements LambdaInvoker {
  private readonly async: AsyncRunner;
  private readonly endpointUrl: () => string;
  private readonly quiet: boolean;
  private readonly logSink?: FunctionLogSink;
  private readonly specs = new WeakMap<VersionRecord, SpecEntry>();

  constructor(
    private readonly store: LambdaStore,
    private readonly pool: EnvironmentPool,
    options: InvokerOptions,
  ) {
    this.endpointUrl = options.endpointUrl;
    this.quiet = options.quiet;
    this.logSink = options.logSink;
    this.async = new AsyncRunner(
      {
        run: (event: AsyncEvent) => this.run(event.fn, event.target, event.payload, event.clientContext, event.requestId),
        throttled: (fn) => this.throttled(fn),
        exists: (fn) => {
          const [, , , region, account] = fn.arn.split(':');
          return this.store.scope(account, region).functions.get(fn.name) === fn;
        },
        invoke: (req) => this.invoke(req),
        log: (line) => {
          if (!this.quiet) process.stdout.write(`${line}\n`);
        },
      },
      options.async,
    );
  }

  /** Abandons queued events and pending retries (the store was cleared). */
  reset() {
    this.async.reset();
  }

  /** Cancels pending retries: nothing runs after this. */
  shutdown() {
    this.async.shutdown();
  }

  /** Finds a function by name or ARN in the caller's scope (or the ARN's own); `arn` is the
   * unqualified ARN the name stands for, whether the function exists or not. */
  find(account: string, region: string, name: string, qualifier?: string): { fn?: LambdaFunction; qualifier?: string; arn: string } {
    const ref = parseFunctionRef(name, qualifier);
    const acct = ref.account ?? account;
    const reg = ref.region ?? region;
    return { fn: this.store.scope(acct, reg).functions.get(ref.name), qualifier: ref.qualifier, arn: functionArn(reg, acct, ref.name) };
  }

  /** Like find(), but a missing function is Lambda's "Function not found: {arn}[:{qualifier}]". */
  lookup(account: string, region: string, name: string, qualifier?: string): { fn: LambdaFunction; qualifier?: string } {
    const { fn, qualifier: q, arn } = this.find(account, region, name, qualifier);
    if (!fn) throw notFound(q === undefined ? arn : `${arn}:${q}`);
    return { fn, qualifier: q };
  }

  async invoke(req: InvokeRequest): Promise<InvokeResult> {
    const { fn, qualifier } = this.lookup(req.account, req.region, req.functionName, req.qualifier);
    const target = resolveQualifier(fn, qualifier);
    const limit = req.invocationType === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES;
    const payload = Buffer.isBuffer(req.payload) ? clientPayload(req.payload, limit) : Buffer.from(JSON.stringify(req.payload.event) ?? '{}');
    if (payload.length > limit) throw tooLarge(limit);
    const type = req.invocationType ?? 'RequestResponse';
    if (type === 'DryRun') return { statusCode: 204, payload: Buffer.alloc(0), executedVersion: target.version };
    if (type === 'Event') {
      this.async.enqueue({ fn, qualifier: qualifier ?? '$LATEST', target, payload, clientContext: req.clientContext, requestId: req.requestId ?? randomUUID() });
      return { statusCode: 202, payload: Buffer.alloc(0), executedVersion: target.version };
    }
    this.checkConcurrency(fn);
    const outcome = await this.run(fn, target, payload, req.clientContext, req.requestId);
    const result: InvokeResult = { statusCode: 200, payload: outcome.payload, executedVersion: target.version };
    if (outcome.functionError) result.functionError = outcome.functionError;
    if (req.logType === 'Tail') result.logResult = tail(outcome.log);
    return result;
  }

  private throttled(fn: LambdaFunction): boolean {
    return fn.reserved !== undefined && fn.inflight >= fn.reserved;
  }

  private checkConcurrency(fn: LambdaFunction) {
    if (this.throttled(fn)) {
      throw lambdaErrors.tooManyRequests('Rate Exceeded.', { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    }
  }

  /** What the pool needs to run a version, layers included, built once per version and
   * revision (the cache is checked against what the spec is made of: the record may be
   * updated in place). */
  private specOf(fn: LambdaFunction, target: ResolvedTarget): SpecEntry {
    const { record } = target;
    const config = record.config;
    const endpointUrl = this.endpointUrl();
    const cached = this.specs.get(record);
    if (cached && cached.revision === config.RevisionId && cached.spec.codeDir === record.code.dir && cached.spec.endpointUrl === endpointUrl && cached.spec.functionArn === fn.arn) return cached;
    const [, , , region, account] = fn.arn.split(':');
    const spec: FunctionSpec = {
      functionName: fn.name,
      functionArn: fn.arn,
      version: target.version,
      runtime: config.Runtime!,
      handler: config.Handler ?? '',
      codeDir: record.code.dir,
      memoryMb: config.MemorySize ?? 128,
      timeoutSec: config.Timeout ?? 3,
      variables: config.Environment?.Variables ?? {},
      account,
      region,
      endpointUrl,
      logGroup: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.name}`,
    };
    // The version's layers merged into its stand-in for /opt, which the launcher puts on the
    // runtime's search paths (a change of layers is a new RevisionId, hence a new spec).
    if (record.layerDirs?.length) spec.optDir = this.store.optDir(record.layerDirs);
    const prefix = `${fn.arn}|${target.version}|`;
    // Keyed by what the environment runs, not by RevisionId: a permission change or a
    // PublishVersion renews the RevisionId but leaves warm environments fit to reuse.
    const signature = createHash('sha256').update(JSON.stringify(spec)).digest('base64url');
    const entry: SpecEntry = { spec, prefix, key: `${prefix}${signature}|`, revision: config.RevisionId };
    this.specs.set(record, entry);
    return entry;
  }

  private async run(fn: LambdaFunction, target: ResolvedTarget, payload: Buffer, clientContext?: string, requestId: string = randomUUID()) {
    const { record } = target;
    const entry = this.specOf(fn, target);
    const spec = entry.spec;
    // The pool's key: environments of another revision or code tree are not reused
    // (hot-reloaded code adds the tree's signature and retires the version's others).
    const key = record.code.hotReload ? `${entry.key}${dirSignature(record.code.dir)}` : entry.key;
    if (record.code.hotReload) this.pool.retire(entry.prefix, key);
    fn.inflight++;
    try {
      const start = Date.now();
      const outcome = await this.pool.invoke(key, spec, { requestId, payload, invokedArn: target.invokedArn, clientContext });
      this.logSink?.write({ account: spec.account, region: spec.region, logGroup: spec.logGroup, logStream: outcome.logStream, log: outcome.log, timestamp: Date.now() });
      publishInvocation(this.store, () => ({ functionName: fn.name, functionArn: fn.arn, version: target.version, requestId, start, durationMs: Date.now() - start, payload, response: outcome.payload, functionError: outcome.functionError, log: outcome.log }));
      return outcome;
    } finally {
      fn.inflight--;
    }
  }
}
