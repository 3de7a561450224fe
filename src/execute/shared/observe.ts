// What the data plane tells whoever listens (the console) about the requests it serves,
// published through node:diagnostics_channel. A request's steps (route, authorizer,
// integration, the event sent, the answer received, the error) are published as they happen;
// AsyncLocalStorage carries which request they belong to, so no step needs a trace
// parameter. With nobody subscribed, nothing is allocated or stored: each publisher checks
// `hasSubscribers` first. A request's start is cheap and may be listened to all the time;
// its steps cost AsyncLocalStorage's hooks on every promise the request makes, so a request
// runs inside it only while someone listens to steps (subscribeSteps: the console while a
// client is connected, TestInvokeMethod while it runs).
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel } from 'node:diagnostics_channel';
import type { HttpContext } from '../../server/http-context.ts';

/** What a request's steps report; each field is a cheap reference (an object, a Buffer),
 * serialised only when someone looks. */
export interface RequestTrace {
  /** Route key (HTTP and WebSocket APIs) or "METHOD /resource/path" (REST APIs). */
  route?: string;
  /** Integration type, e.g. AWS_PROXY, HTTP_PROXY, MOCK. */
  integration?: string;
  /** How authorization went, e.g. "allowed (JWT)" or "denied (Lambda REQUEST)". */
  authorizer?: string;
  /** The event the function received, or the mapped request (an object, serialised when shown). */
  event?: unknown;
  /** The request sent to an HTTP upstream. */
  upstream?: { method: string; url: string };
  /** What the function returned. */
  functionResponse?: Buffer;
  /** Why the request failed, in API Gateway's words where it has them (the first error
   * published is the cause; later ones are how it was answered). */
  error?: string;
}

export type TraceStep = keyof RequestTrace;

/** One observed request or WebSocket event: an identity subscribers key their records by. */
export type ObservedRequest = object;

/** What the data plane knows about a request's target once it has resolved it. */
export interface TargetInfo {
  apiId: string;
  kind: string;
  stage: string;
  path: string;
}

export interface RequestStartMessage {
  /** The data plane (one per localgate instance) the request came to. */
  origin: object;
  request: ObservedRequest;
  http: HttpContext;
  /** The gateway's request id. */
  requestId: string;
  target?: TargetInfo;
}

export interface WebSocketStart {
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  connectionId: string;
  requestId: string;
  apiId: string;
  stage: string;
  domainName: string;
  /** The path the client connected to. */
  path: string;
  /** The handshake's query string ($connect only). */
  query?: string;
  /** The handshake's rawHeaders ($connect only). */
  headers?: string[];
  /** The message ($default and custom routes). */
  body?: Buffer;
}

export interface WebSocketFinish {
  /** The handshake's HTTP status ($connect) or the integration's status. */
  status?: number;
  /** What the gateway did, e.g. "connected", "replied", "no reply (one-way route)". */
  outcome: string;
  /** Headers added to the 101 answer ($connect). */
  headers?: Record<string, string>;
  /** The frame sent back to the client, if any. */
  reply?: string;
}

export interface WebSocketStartMessage {
  /** The data plane (one per localgate instance) the event came to. */
  origin: object;
  request: ObservedRequest;
  start: WebSocketStart;
}

export interface WebSocketFinishMessage {
  request: ObservedRequest;
  finish: WebSocketFinish;
}

export interface StepMessage<K extends TraceStep = TraceStep> {
  request: ObservedRequest;
  step: K;
  value: RequestTrace[K];
}

/** The channels, by name, for subscribers. */
export const dataPlaneChannels = {
  /** An HTTP data-plane request began (RequestStartMessage). */
  request: channel('localgate:execute:request'),
  /** A WebSocket event ($connect, a message, $disconnect) began (WebSocketStartMessage). */
  websocketStart: channel('localgate:execute:websocket-start'),
  /** A WebSocket event ended (WebSocketFinishMessage). */
  websocketFinish: channel('localgate:execute:websocket-finish'),
  /** A step of the current request (StepMessage). */
  step: channel('localgate:execute:step'),
};

const current = new AsyncLocalStorage<ObservedRequest>();

/** The request the calling code serves, when one is observed (for subscribers of other
 * channels, e.g. Lambda's invocations, to tell which request an invocation served). */
export function observedRequest(): ObservedRequest | undefined {
  return current.getStore();
}

/** Whether anyone listens to the steps: for publishers whose value costs something to build. */
export function observingSteps(): boolean {
  return dataPlaneChannels.step.hasSubscribers && current.getStore() !== undefined;
}

/** Listens to the steps of the requests that start from now on. */
export function subscribeSteps(listener: (message: unknown) => void): void {
  dataPlaneChannels.step.subscribe(listener);
}

export function unsubscribeSteps(listener: (message: unknown) => void): void {
  dataPlaneChannels.step.unsubscribe(listener);
  // Once run, AsyncLocalStorage keeps its hooks on every promise until disabled: with nobody
  // left listening, they go (the next run() brings them back).
  if (!dataPlaneChannels.step.hasSubscribers) current.disable();
}

/** Runs `run` as `request` when anyone listens to steps, else plainly. */
function within<T>(request: ObservedRequest, run: () => T): T {
  return dataPlaneChannels.step.hasSubscribers ? current.run(request, run) : run();
}

/** Publishes one step of the current request. */
export function publishStep<K extends TraceStep>(step: K, value: RequestTrace[K]): void {
  if (!dataPlaneChannels.step.hasSubscribers) return;
  const request = current.getStore();
  if (request) dataPlaneChannels.step.publish({ request, step, value } satisfies StepMessage<K>);
}

/** Runs an HTTP data-plane request, observed when anyone listens. */
export function observeRequest<T>(origin: object, http: HttpContext, requestId: string, target: TargetInfo | undefined, run: () => T): T {
  if (!dataPlaneChannels.request.hasSubscribers) return run();
  const request: ObservedRequest = {};
  dataPlaneChannels.request.publish({ origin, request, http, requestId, target } satisfies RequestStartMessage);
  return within(request, run);
}

/** A WebSocket event under observation: its steps run `within` it, then it finishes. */
export interface ObservedEvent {
  within<T>(run: () => T): T;
  step<K extends TraceStep>(step: K, value: RequestTrace[K]): void;
  finish(result: WebSocketFinish): void;
}

const unobserved: ObservedEvent = {
  within: (run) => run(),
  step: () => undefined,
  finish: () => undefined,
};

/** Starts observing a WebSocket event (`start` is built only when anyone listens). */
export function observeWebSocketEvent(origin: object, start: () => WebSocketStart): ObservedEvent {
  if (!dataPlaneChannels.websocketStart.hasSubscribers) return unobserved;
  const request: ObservedRequest = {};
  dataPlaneChannels.websocketStart.publish({ origin, request, start: start() } satisfies WebSocketStartMessage);
  return {
    within: (run) => within(request, run),
    step: (step, value) => {
      if (dataPlaneChannels.step.hasSubscribers) dataPlaneChannels.step.publish({ request, step, value } satisfies StepMessage);
    },
    finish: (finish) => {
      if (dataPlaneChannels.websocketFinish.hasSubscribers) dataPlaneChannels.websocketFinish.publish({ request, finish } satisfies WebSocketFinishMessage);
    },
  };
}

/** Runs `run` as an observed request of its own and gathers the steps it publishes
 * (TestInvokeMethod's execution log is written from them). */
export async function collectSteps<T>(run: () => Promise<T>): Promise<{ result: T; trace: RequestTrace }> {
  const request: ObservedRequest = {};
  const trace: RequestTrace = {};
  const listener = (message: unknown) => {
    const m = message as StepMessage;
    if (m.request !== request) return;
    if (m.step === 'error') trace.error ??= m.value as string;
    else (trace as Record<string, unknown>)[m.step] = m.value;
  };
  subscribeSteps(listener);
  try {
    return { result: await current.run(request, run), trace };
  } finally {
    unsubscribeSteps(listener);
  }
}
