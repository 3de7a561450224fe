// The localgate console: the front end at /_localgate/, its read-only JSON API under
// /_localgate/api/..., live updates over SSE, the request log and recent invocations.
import { invokeUrlForms } from '../invoke-urls.ts';
import { controlPlaneChanged, type ControlPlaneChange } from '../server/control-plane.ts';
import { sendJson, type Handler, type HttpContext } from '../server/http-context.ts';
import { VERSION } from '../server/health.ts';
import { EventStream } from './events.ts';
import { detail, invocationView, summary } from './format.ts';
import { InvocationLog } from './invocations.ts';
import { isColdStart, Metrics } from './metrics.ts';
import { RequestLog, type LogEntry } from './request-log.ts';
import { listStacks, stackDetail, type StackSource } from './stacks.ts';
import { sendAsset } from './static.ts';
import { recordTraces } from './trace.ts';
import { apiDetail, counts, functionDetail, functionLogs, listApis, listFunctions, type ViewDeps } from './views.ts';

type ConsoleDeps = Omit<ViewDeps, 'invocations'> & {
  services(): string[];
  stacks?: StackSource;
  /** The data plane whose requests the console records (what its publishers name as origin). */
  dataPlane: object;
};

interface LocalgateConsole {
  /** For the server chain, before the data plane. */
  handler: Handler;
  /** Tells open consoles that state changed outside a control-plane request (a stack operation finished). */
  changed(): void;
  reset(): void;
  shutdown(): void;
}

function matchesFilter(entry: LogEntry, q: URLSearchParams): boolean {
  const s = summary(entry);
  const apiId = q.get('apiId');
  if (apiId && s.apiId !== apiId) return false;
  const status = q.get('status');
  if (status && !String(s.status ?? '').startsWith(status.replace(/x+$/i, ''))) return false;
  const text = q.get('q')?.toLowerCase();
  if (text && !`${s.method} ${s.path} ${s.route ?? ''} ${s.apiId ?? ''} ${s.stage ?? ''} ${s.connectionId ?? ''}`.toLowerCase().includes(text)) return false;
  return true;
}

export function createConsole(deps: ConsoleDeps): LocalgateConsole {
  // While a console is connected, requests are recorded step by step (see trace.ts).
  const events = new EventStream((listening) => recording.recordSteps(listening));
  const requests = new RequestLog(() => events.listening);
  const metrics = new Metrics();
  requests.subscribe((entry) => metrics.request(entry.target?.apiId, entry.time, entry.latencyMs));
  const invocations = new InvocationLog((record) => {
    metrics.invocation(record.functionArn, record.start, record.durationMs, isColdStart(record.log));
    events.queue('invocation', () => ({ functionArn: record.functionArn, requestId: record.requestId }));
  });
  const views: ViewDeps = { ...deps, invocations };
  const recording = recordTraces({ dataPlane: deps.dataPlane, lambda: deps.lambda }, requests, invocations);
  const onChange = (message: unknown) => {
    if ((message as ControlPlaneChange).baseUrl === deps.baseUrl()) events.changed();
  };
  controlPlaneChanged.subscribe(onChange);
  requests.subscribe((entry) => {
    if (events.listening) events.queue('request', () => summary(entry));
  });

  /** `?since=` epoch seconds: only the seconds from then on. */
  const sinceOf = (ctx: HttpContext) => {
    const since = Number(ctx.query.get('since') ?? NaN);
    return Number.isFinite(since) ? since : undefined;
  };
  const notFound = (ctx: HttpContext, what: string) => sendJson(ctx.res, 404, { message: `${what} not found` });
  const found = (ctx: HttpContext, what: string, value: unknown) => (value ? sendJson(ctx.res, 200, value) : notFound(ctx, what));
  /** The console API: a path pattern under /_localgate/api/ and its handler; a pattern's
   * group is the (URL-decoded) id. The first match answers. */
  const routes: Array<[RegExp, (ctx: HttpContext, id: string) => void]> = [
    [/^events$/, (ctx) => events.open(ctx.res)],
    [/^overview$/, (ctx) => {
      const forms = invokeUrlForms(deps.baseUrl());
      sendJson(ctx.res, 200, {
        version: VERSION,
        endpoint: deps.baseUrl(),
        services: deps.services(),
        counts: { ...counts(views), requests: requests.entries().length },
        invokeUrlForms: [...forms.http, ...forms.websocket],
      });
    }],
    [/^apis$/, (ctx) => sendJson(ctx.res, 200, { items: listApis(views) })],
    [/^functions$/, (ctx) => sendJson(ctx.res, 200, { items: listFunctions(views) })],
    [/^stacks$/, (ctx) => sendJson(ctx.res, 200, { items: listStacks(deps) })],
    [/^requests$/, (ctx) => {
      const limit = Math.min(Math.max(Number(ctx.query.get('limit')) || 200, 1), 1000);
      const items = requests.entries().filter((e) => matchesFilter(e, ctx.query)).slice(0, limit).map(summary);
      sendJson(ctx.res, 200, { items });
    }],
    [/^metrics\/requests$/, (ctx) => sendJson(ctx.res, 200, metrics.requests(sinceOf(ctx)))],
    [/^metrics\/functions\/(.+)$/, (ctx, id) => {
      const fn = functionDetail(views, id);
      found(ctx, `Function ${id}`, fn && { functionArn: fn.arn, ...metrics.invocations(fn.arn, sinceOf(ctx)) });
    }],
    [/^apis\/(.+)$/, (ctx, id) => found(ctx, `API ${id}`, apiDetail(views, id))],
    [/^functions\/(.+)\/logs$/, (ctx, id) => found(ctx, `Function ${id}`, functionLogs(views, id, ctx.query.get('requestId') ?? undefined))],
    [/^functions\/(.+)$/, (ctx, id) => found(ctx, `Function ${id}`, functionDetail(views, id))],
    [/^stacks\/(.+)$/, (ctx, id) => found(ctx, `Stack ${id}`, stackDetail(deps, id))],
    [/^requests\/(.+)$/, (ctx, id) => {
      const entry = /^\d+$/.test(id) ? requests.get(Number(id)) : undefined;
      found(ctx, `Request ${id}`, entry && detail(entry));
    }],
    [/^invocations\/(.+)$/, (ctx, id) => sendJson(ctx.res, 200, { items: invocations.recent(id).map(invocationView) })],
  ];

  // Each finished second's metrics go out to open consoles (seconds the timer skipped too),
  // empty ones as well: they move the charts' time axis on while nothing happens.
  let lastSecondSent = Math.floor(Date.now() / 1000) - 1;
  const metricsTimer = setInterval(() => {
    const finished = Math.floor(Date.now() / 1000) - 1;
    if (events.listening) {
      for (let second = Math.max(lastSecondSent + 1, finished - 4); second <= finished; second++) events.send('metrics', metrics.second(second));
    }
    lastSecondSent = finished;
  }, 1000);
  metricsTimer.unref();

  const api = (ctx: HttpContext, path: string): true => {
    for (const [pattern, handle] of routes) {
      const match = pattern.exec(path);
      if (!match) continue;
      let id = '';
      try {
        id = match[1] === undefined ? '' : decodeURIComponent(match[1]);
      } catch {
        sendJson(ctx.res, 400, { message: 'Malformed path' });
        return true;
      }
      handle(ctx, id);
      return true;
    }
    notFound(ctx, `/_localgate/api/${path}`);
    return true;
  };

  // Not async: most requests are not the console's and pass on without a promise.
  const handler: Handler = (ctx) => {
    const path = ctx.rawPath;
    if (!path.startsWith('/_localgate')) return false;
    const read = ctx.method === 'GET' || ctx.method === 'HEAD';
    if (path === '/_localgate' || path === '/_localgate/') {
      if (!read) return false;
      return sendAsset(ctx.res, 'index.html', ctx.method === 'HEAD');
    }
    if (path.startsWith('/_localgate/assets/')) {
      if (!read) return false;
      return sendAsset(ctx.res, path.slice('/_localgate/assets/'.length), ctx.method === 'HEAD');
    }
    if (path.startsWith('/_localgate/api/')) {
      ctx.req.resume();
      if (!read) {
        sendJson(ctx.res, 405, { message: 'The console API is read-only' }, { Allow: 'GET, HEAD' });
        return true;
      }
      return api(ctx, path.slice('/_localgate/api/'.length));
    }
    return false;
  };

  return {
    handler,
    changed: () => events.changed(),
    reset() {
      requests.clear();
      invocations.clear();
      metrics.clear();
      events.changed();
    },
    shutdown() {
      recording.stop();
      controlPlaneChanged.unsubscribe(onChange);
      clearInterval(metricsTimer);
      events.close();
    },
  };
}
