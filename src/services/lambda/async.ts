// Asynchronous (Event) invocations, as Lambda's event queue runs them ("Asynchronous
// invocation", "Error handling and automatic retries" in the Lambda developer guide):
// - a function error is retried up to MaximumRetryAttempts times (default 2), one minute
//   before the second attempt and two minutes before the third;
// - a throttled event (no free reserved concurrency) goes back to the queue, retried with a
//   delay growing exponentially from 1 second to 5 minutes; throttles are not attempts;
// - an event older than MaximumEventAgeInSeconds (default 6 hours) is discarded;
// - when the event is done, its invocation record goes to the OnSuccess / OnFailure
//   destination. localgate serves Lambda functions only: records for SQS, SNS, EventBridge
//   or S3 destinations are logged as not delivered;
// - a failed event also goes to the version's dead-letter queue (DeadLetterConfig), an SQS
//   queue or SNS topic, which localgate does not serve: it is logged as not delivered.
import type { FunctionEventInvokeConfig } from '../../models/lambda.types.ts';
import type { Outcome } from '../../runtime/environment.ts';
import type { InvokeRequest } from './invoker.ts';
import type { LambdaFunction } from './store.ts';
import type { ResolvedTarget } from './versions.ts';

interface AsyncSchedule {
  /** Wait before each retry after a function error: [before the 2nd attempt, before the 3rd]. */
  retryDelaysMs: readonly number[];
  /** First wait after a throttle; each further throttle doubles it, up to throttleMaxMs. */
  throttleBaseMs: number;
  throttleMaxMs: number;
}

/** Lambda's own delays. */
const LAMBDA_ASYNC_SCHEDULE: AsyncSchedule = { retryDelaysMs: [60_000, 120_000], throttleBaseMs: 1_000, throttleMaxMs: 300_000 };
const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;
const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

export interface AsyncEvent {
  fn: LambdaFunction;
  /** The qualifier the caller used ("$LATEST" when none): it selects the event invoke config. */
  qualifier: string;
  target: ResolvedTarget;
  payload: Buffer;
  clientContext?: string;
  /** Kept across retries, as Lambda keeps an event's request id. */
  requestId: string;
}

/** What the runner needs from the Lambda service. */
interface AsyncDeps {
  /** Runs one attempt (throws only when it could not run at all, e.g. on shutdown). */
  run(event: AsyncEvent): Promise<Outcome>;
  /** True while the function has no concurrency free for one more invocation. */
  throttled(fn: LambdaFunction): boolean;
  /** True while the function is still the one the store holds (not deleted or replaced). */
  exists(fn: LambdaFunction): boolean;
  /** Queues an Event invocation (of a destination function). */
  invoke(req: InvokeRequest): Promise<unknown>;
  log(line: string): void;
}

export interface AsyncOptions {
  schedule?: AsyncSchedule;
  /** The clock event ages are measured with. */
  now?: () => number;
}

type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export class AsyncRunner {
  private readonly schedule: AsyncSchedule;
  private readonly now: () => number;
  /** Pending waits: cancelled (resolved with false) on reset and shutdown. */
  private readonly waits = new Map<NodeJS.Timeout, (go: boolean) => void>();
  /** Bumped on reset: events queued before it are abandoned. */
  private generation = 0;
  private closed = false;

  constructor(
    private readonly deps: AsyncDeps,
    options: AsyncOptions = {},
  ) {
    this.schedule = options.schedule ?? LAMBDA_ASYNC_SCHEDULE;
    this.now = options.now ?? Date.now;
  }

  /** Queues the event; the caller answers 202 at once. */
  enqueue(event: AsyncEvent): void {
    void this.process(event, this.now(), this.generation).catch((err) => {
      if (!this.closed) this.deps.log(`[lambda:${event.fn.name}] event ${event.requestId} not run: ${(err as Error).message}`);
    });
  }

  /** Abandons every queued event and pending retry (the store was cleared). */
  reset(): void {
    this.generation++;
    this.cancelWaits();
  }

  /** No retry and no destination delivery after this. */
  shutdown(): void {
    this.closed = true;
    this.reset();
  }

  private cancelWaits() {
    for (const [timer, resolve] of this.waits) {
      clearTimeout(timer);
      resolve(false);
    }
    this.waits.clear();
  }

  /** Resolves true after ms, false when cancelled. */
  private wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve(true);
      }, ms);
      this.waits.set(timer, resolve);
    });
  }

  private config(event: AsyncEvent): FunctionEventInvokeConfig | undefined {
    return event.fn.eventInvokeConfigs?.get(event.qualifier);
  }

  private async process(event: AsyncEvent, queuedAt: number, generation: number): Promise<void> {
    const { fn } = event;
    const live = () => !this.closed && generation === this.generation && this.deps.exists(fn);
    let attempts = 0;
    let throttles = 0;
    let last: Outcome | undefined;
    for (;;) {
      if (!live()) return;
      const config = this.config(event);
      const maxAge = config?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
      const age = this.now() - queuedAt;
      if (age > maxAge * 1000) {
        this.deps.log(`[lambda:${fn.name}] event ${event.requestId} dropped: older than MaximumEventAgeInSeconds (${maxAge}) after ${attempts} attempt(s)`);
        this.reportDeadLetter(event);
        return this.deliver(event, 'EventAgeExceeded', attempts, last);
      }
      if (this.deps.throttled(fn)) {
        const delay = Math.min(this.schedule.throttleBaseMs * 2 ** throttles++, this.schedule.throttleMaxMs);
        if (!(await this.wait(delay))) return;
        continue;
      }
      attempts++;
      last = await this.deps.run(event);
      // Reset or shutdown while it ran: nothing more for this event.
      if (!live()) return;
      if (!last.functionError) return this.deliver(event, 'Success', attempts, last);
      const maxRetries = config?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
      const error = last.payload.toString('utf8');
      if (attempts > maxRetries) {
        this.deps.log(`[lambda:${fn.name}] event ${event.requestId} failed after ${attempts} attempt(s), retries exhausted: ${error}`);
        this.reportDeadLetter(event);
        return this.deliver(event, 'RetriesExhausted', attempts, last);
      }
      const delays = this.schedule.retryDelaysMs;
      const delay = delays[Math.min(attempts - 1, delays.length - 1)];
      this.deps.log(`[lambda:${fn.name}] event ${event.requestId} attempt ${attempts} failed (${error}); retry ${attempts} of ${maxRetries} in ${delay} ms`);
      if (!(await this.wait(delay))) return;
    }
  }

  /** A discarded event's dead-letter queue is SQS or SNS, which localgate does not serve. */
  private reportDeadLetter(event: AsyncEvent): void {
    const arn = event.target.record.config.DeadLetterConfig?.TargetArn;
    if (!arn || this.closed) return;
    this.deps.log(`[lambda:${event.fn.name}] event ${event.requestId} NOT sent to its dead-letter queue ${arn}: localgate does not serve ${arn.split(':')[2]}`);
  }

  /** Sends the invocation record to the destination configured for this outcome, if any. */
  private async deliver(event: AsyncEvent, condition: Condition, attempts: number, outcome: Outcome | undefined): Promise<void> {
    if (this.closed) return;
    const destinations = this.config(event)?.DestinationConfig;
    const arn = condition === 'Success' ? destinations?.OnSuccess?.Destination : destinations?.OnFailure?.Destination;
    if (!arn) return;
    const { fn } = event;
    const [, , service, region, account] = arn.split(':');
    if (service !== 'lambda') {
      this.deps.log(`[lambda:${fn.name}] invocation record for event ${event.requestId} (${condition}) NOT delivered to ${arn}: localgate does not serve ${service}`);
      return;
    }
    const record = invocationRecord(event, condition, attempts, outcome);
    try {
      await this.deps.invoke({ account, region, functionName: arn, payload: Buffer.from(JSON.stringify(record)), invocationType: 'Event' });
    } catch (err) {
      this.deps.log(`[lambda:${fn.name}] invocation record for event ${event.requestId} (${condition}) not delivered to ${arn}: ${(err as Error).message}`);
    }
  }
}

function parsed(payload: Buffer): unknown {
  const text = payload.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The documented invocation record (version "1.0") a destination receives. */
function invocationRecord(event: AsyncEvent, condition: Condition, attempts: number, outcome: Outcome | undefined) {
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: event.requestId,
      functionArn: `${event.fn.arn}:${event.qualifier}`,
      condition,
      approximateInvokeCount: attempts,
    },
    requestPayload: parsed(event.payload),
  };
  if (outcome) {
    const responseContext: Record<string, unknown> = { statusCode: 200, executedVersion: event.target.version };
    if (outcome.functionError) responseContext.functionError = outcome.functionError;
    record.responseContext = responseContext;
    record.responsePayload = outcome.payload.length ? parsed(outcome.payload) : null;
  }
  return record;
}
