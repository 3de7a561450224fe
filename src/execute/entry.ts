// Which API and stage a data-plane request is for. Invoke URLs come in host and path forms
// (the table is src/invoke-urls.ts).
// Where the stage is optional, the first segment is a stage only if it names one; otherwise
// the request goes to the `$default` stage. Each kind of API (HTTP, REST, WebSocket) plugs
// into a registry and claims the API ids it serves; nobody claiming one is a 404.
import type { IncomingMessage } from 'node:http';
import { executeApiDomain, HOST_FORM, PATH_PREFIXES, USER_REQUEST } from '../invoke-urls.ts';
import { hostnameOf, type Handler, type HttpContext } from '../server/http-context.ts';
import { gatewayRequestId, sendGatewayError } from './shared/gateway-error.ts';
import { observeRequest } from './shared/observe.ts';

/** One API as a kind serves it. */
export interface ApiHandle {
  /** Whether the API has a stage of this name. */
  hasStage(name: string): boolean;
  /** DisableExecuteApiEndpoint: the default endpoint is switched off. */
  readonly executeApiDisabled: boolean;
  /** A REST API answers a stage it does not have with 403 Forbidden; the v2 kinds with 404. */
  readonly unknownStageForbidden?: boolean;
  /** Serves a request for this API (absent for kinds that only take WebSocket upgrades);
   * a promise when the answer is not sent yet. */
  serve?(req: ExecuteRequest): Promise<void> | undefined;
}

export interface ApiKind {
  readonly name: string;
  claim(apiId: string): ApiHandle | undefined;
}

export interface ExecuteTarget {
  apiId: string;
  /** The name of the kind that claimed the API ("http", "rest", "websocket"). */
  kind: string;
  stage: string;
  /** The path after the stage, still percent-encoded, always starting with "/". */
  path: string;
  /** As the event's requestContext.domainName reports it. */
  domainName: string;
  domainPrefix: string;
  handle: ApiHandle;
}

export interface ExecuteRequest extends ExecuteTarget {
  http: HttpContext;
  /** The gateway's request id (the apigw-requestid header and requestContext.requestId). */
  requestId: string;
}

/** Where an invoke URL points before the API's stages are consulted. */
interface InvokeLocation {
  apiId: string;
  /** Everything after the API id (or the whole path for host forms). */
  rest: string;
  /** The stage segment must be present (the /restapis/... form). */
  stageRequired: boolean;
  domainName: string;
}

const RESTAPIS = '/restapis/';

/** Parses an invoke URL's host and path; undefined when it is not one. */
export function parseInvokeLocation(hostname: string, rawPath: string): InvokeLocation | undefined {
  const host = HOST_FORM.exec(hostname);
  if (host) return { apiId: host[1], rest: rawPath, stageRequired: false, domainName: hostname };
  for (const prefix of PATH_PREFIXES) {
    if (!rawPath.startsWith(prefix)) continue;
    const after = rawPath.slice(prefix.length);
    const slash = after.indexOf('/');
    const apiId = slash === -1 ? after : after.slice(0, slash);
    if (!apiId) return undefined;
    return { apiId, rest: slash === -1 ? '' : after.slice(slash), stageRequired: false, domainName: executeApiDomain(apiId) };
  }
  if (rawPath.startsWith(RESTAPIS)) {
    // /restapis/{apiId}/{stage}/_user_request_{/path}: anything else is the v1 control plane.
    const idEnd = rawPath.indexOf('/', RESTAPIS.length);
    const stageEnd = idEnd === -1 ? -1 : rawPath.indexOf('/', idEnd + 1);
    if (idEnd <= RESTAPIS.length || stageEnd <= idEnd + 1 || !rawPath.startsWith(USER_REQUEST, stageEnd)) return undefined;
    const tailAt = stageEnd + USER_REQUEST.length;
    if (tailAt < rawPath.length && rawPath[tailAt] !== '/') return undefined;
    const apiId = rawPath.slice(RESTAPIS.length, idEnd);
    return { apiId, rest: rawPath.slice(idEnd, stageEnd) + rawPath.slice(tailAt), stageRequired: true, domainName: executeApiDomain(apiId) };
  }
  return undefined;
}

function decodeSegment(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Splits the stage off `rest` by the API's stages; undefined when no stage serves it. */
export function selectStage(loc: InvokeLocation, handle: ApiHandle): { stage: string; path: string } | undefined {
  const rest = loc.rest;
  const end = rest.indexOf('/', 1);
  const segment = rest.length > 1 ? (end === -1 ? rest.slice(1) : rest.slice(1, end)) : '';
  const name = segment ? decodeSegment(segment) : undefined;
  if (name !== undefined && handle.hasStage(name)) {
    return { stage: name, path: end === -1 ? '/' : rest.slice(end) };
  }
  if (loc.stageRequired || !handle.hasStage('$default')) return undefined;
  return { stage: '$default', path: rest || '/' };
}

export class ExecuteRegistry {
  private kinds: ApiKind[] = [];

  register(kind: ApiKind) {
    this.kinds.push(kind);
  }

  private claim(apiId: string): { handle: ApiHandle; kind: string } | undefined {
    for (const kind of this.kinds) {
      const handle = kind.claim(apiId);
      if (handle) return { handle, kind: kind.name };
    }
    return undefined;
  }

  /** Resolves an invoke URL to an API, stage and path; a string says why it cannot be. */
  resolve(hostname: string, rawPath: string): ExecuteTarget | 'not-invoke-url' | 'not-found' | 'forbidden' {
    const loc = parseInvokeLocation(hostname, rawPath);
    if (!loc) return 'not-invoke-url';
    const claimed = this.claim(loc.apiId);
    if (!claimed) return 'not-found';
    const { handle, kind } = claimed;
    if (handle.executeApiDisabled) return 'forbidden';
    const selected = selectStage(loc, handle);
    if (!selected) return handle.unknownStageForbidden ? 'forbidden' : 'not-found';
    // Spelled out: an object spread followed by more properties costs microseconds in node 20.
    const domainPrefix = loc.domainName.slice(0, loc.domainName.indexOf('.'));
    return { apiId: loc.apiId, kind, stage: selected.stage, path: selected.path, domainName: loc.domainName, domainPrefix, handle };
  }

  /** For the WebSocket data plane: the target of an upgrade request, by the same rules. */
  resolveUpgrade(req: IncomingMessage): ExecuteTarget | undefined {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const found = this.resolve(hostnameOf(req.headers.host), q === -1 ? url : url.slice(0, q));
    return typeof found === 'string' ? undefined : found;
  }

  /** The data-plane handler for the server chain. */
  handler(): Handler {
    return (ctx) => {
      const found = this.resolve(ctx.hostname, ctx.rawPath);
      return found === 'not-invoke-url' ? false : this.serve(ctx, found);
    };
  }

  /** Every request is observed (execute/shared/observe.ts) with this registry as its
   * origin: the data plane of one localgate instance. */
  private serve(ctx: HttpContext, found: ExecuteTarget | 'not-found' | 'forbidden'): Promise<boolean> | true {
    const requestId = gatewayRequestId();
    const target = typeof found === 'string' ? undefined : { apiId: found.apiId, kind: found.kind, stage: found.stage, path: found.path };
    return observeRequest(this, ctx, requestId, target, () => {
      if (found === 'forbidden') {
        ctx.req.resume();
        sendGatewayError(ctx.res, requestId, 403, 'Forbidden');
      } else if (found === 'not-found' || !found.handle.serve) {
        ctx.req.resume();
        sendGatewayError(ctx.res, requestId, 404, 'Not Found');
      } else {
        // An answer sent without waiting (a REST MOCK) needs no promise. The request is spelled
        // out: an object spread followed by more properties costs microseconds in node 20.
        const { apiId, kind, stage, path, domainName, domainPrefix, handle } = found;
        const pending = found.handle.serve({ apiId, kind, stage, path, domainName, domainPrefix, handle, http: ctx, requestId });
        if (pending) return pending.then(() => true);
      }
      return true;
    });
  }
}
