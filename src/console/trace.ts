// The recording side of the data plane's tracing: the console subscribes to the channels
// the pipelines publish on (execute/shared/observe.ts) and to Lambda's invocations
// (services/lambda/invoker.ts), and keeps what they tell in its request log and its recent
// invocations. Only requests of this localgate instance are recorded (several may share a
// process): a request's start names the data plane it came from, an invocation its Lambda store.
// Starts and invocations are recorded always (the request log lists them when a console
// opens later); steps only while `recordSteps(true)` (a console is connected), since
// listening to them makes every request run inside AsyncLocalStorage.
import { dataPlaneChannels, observedRequest, subscribeSteps, unsubscribeSteps, type ObservedRequest, type RequestStartMessage, type RequestTrace, type StepMessage, type WebSocketFinishMessage, type WebSocketStartMessage } from '../execute/shared/observe.ts';
import { invocationChannel, type InvocationMessage, type InvocationRecord } from '../services/lambda/invoker.ts';
import type { InvocationLog } from './invocations.ts';
import type { RequestLog, WebSocketRecording } from './request-log.ts';

/** A request's trace as the console keeps it: the published steps and the invocations made for it. */
export interface RecordedTrace extends RequestTrace {
  invocations?: InvocationRecord[];
}

interface TraceSources {
  /** The data plane whose requests to record (the `origin` its publishers name). */
  dataPlane: object;
  /** The Lambda store whose functions' invocations to record. */
  lambda?: object;
}

export interface TraceRecording {
  /** Starts or stops recording the steps of requests (from the next request on). */
  recordSteps(on: boolean): void;
  stop(): void;
}

/** Subscribes to everything but the steps. */
export function recordTraces(sources: TraceSources, requests: RequestLog, invocations: InvocationLog): TraceRecording {
  const traces = new WeakMap<ObservedRequest, RecordedTrace>();
  const websocketEvents = new WeakMap<ObservedRequest, WebSocketRecording>();
  let steps = false;
  const onRequest = (message: unknown) => {
    const m = message as RequestStartMessage;
    if (m.origin !== sources.dataPlane) return;
    const trace = requests.begin(m.http, m.requestId, m.target);
    // Steps and invocations find a request's trace only while steps are recorded (a request
    // runs observed, in AsyncLocalStorage, only then): a WeakMap entry per request is costly.
    if (steps) traces.set(m.request, trace);
  };
  const onWebSocketStart = (message: unknown) => {
    const m = message as WebSocketStartMessage;
    if (m.origin !== sources.dataPlane) return;
    const recording = requests.beginWebSocket(m.start);
    traces.set(m.request, recording.trace);
    websocketEvents.set(m.request, recording);
  };
  const onWebSocketFinish = (message: unknown) => {
    const m = message as WebSocketFinishMessage;
    websocketEvents.get(m.request)?.finish(m.finish);
  };
  const onStep = (message: unknown) => {
    const m = message as StepMessage;
    const trace = traces.get(m.request);
    if (!trace) return;
    // The first error is the cause; later ones are how it was answered.
    if (m.step === 'error') trace.error ??= m.value as string;
    else (trace as Record<string, unknown>)[m.step] = m.value;
  };
  const onInvocation = (message: unknown) => {
    const m = message as InvocationMessage;
    if (!sources.lambda || m.store !== sources.lambda) return;
    const request = observedRequest();
    invocations.record(m.record, request && traces.get(request));
  };
  const subscriptions: Array<[{ subscribe(f: (m: unknown) => void): void; unsubscribe(f: (m: unknown) => void): void }, (m: unknown) => void]> = [
    [dataPlaneChannels.request, onRequest],
    [dataPlaneChannels.websocketStart, onWebSocketStart],
    [dataPlaneChannels.websocketFinish, onWebSocketFinish],
    [invocationChannel, onInvocation],
  ];
  for (const [ch, f] of subscriptions) ch.subscribe(f);
  const recordSteps = (on: boolean) => {
    if (on === steps) return;
    steps = on;
    if (on) subscribeSteps(onStep);
    else unsubscribeSteps(onStep);
  };
  return {
    recordSteps,
    stop() {
      recordSteps(false);
      for (const [ch, f] of subscriptions) ch.unsubscribe(f);
    },
  };
}
