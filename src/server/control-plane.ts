// The control-plane handler: every AWS API call goes through the model-driven engines.
// protocol/detect.ts says which service and protocol a request is for (X-Amz-Target,
// S3 hosts, query Actions, the SigV4 scope); everything else is routed by the rest-json
// URI templates. It runs last in the chain, after the data plane. A call that may have
// changed state (not GET or HEAD) is published on `localgate:control-plane:changed` when
// its answer is sent (the console tells its pages to refresh).
import { channel } from 'node:diagnostics_channel';
import { pipeline } from 'node:stream';
import { invokeOperation, renderError, type EngineResponse, type RequestContext, type ServiceDefinition, type ServiceRouter } from '../protocol/engine.ts';
import { AwsError } from '../protocol/errors.ts';
import { ServiceDetector } from '../protocol/detect.ts';
import { invokeJson, renderJsonError } from '../protocol/json-rpc.ts';
import { invokeQuery, malformedQueryString, parseForm, renderQueryError } from '../protocol/query.ts';
import { invokeRestXml, renderRestXmlError } from '../protocol/rest-xml.ts';
import { callerFromHeaders } from '../protocol/sigv4.ts';
import { forwardRequest, UnknownServices, unknownServiceAnswer } from './forward.ts';
import { BodyTooLargeError, endWithBody, type Handler, type HttpContext } from './http-context.ts';

export function requestContext(ctx: HttpContext): RequestContext {
  const caller = callerFromHeaders(ctx.req.headers.authorization, ctx.query.get('X-Amz-Credential'), ctx.awsDefaults);
  return { caller, account: caller.account, region: caller.region, requestId: ctx.requestId, baseUrl: ctx.baseUrl };
}

const JSON_LIKE = /^(application\/(.*\+)?json|application\/x-amz-json-1\.[01]|text\/plain|application\/x-www-form-urlencoded|application\/octet-stream|binary\/octet-stream)\b/i;

export interface ControlPlaneChange {
  /** The base URL of the localgate instance the call came to. */
  baseUrl: string;
}

export const controlPlaneChanged = channel('localgate:control-plane:changed');

/** `forwardUrl`: where requests for services localgate does not serve go (server/forward.ts). */
export function controlPlaneHandler(router: ServiceRouter, forwardUrl?: string): Handler {
  const detector = new ServiceDetector(router.services);
  const unknownServices = new UnknownServices(router.services);
  const forwardTo = forwardUrl === undefined ? undefined : new URL(forwardUrl);
  return async (ctx) => {
    if (controlPlaneChanged.hasSubscribers && ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.res.once('finish', () => controlPlaneChanged.publish({ baseUrl: ctx.baseUrl } satisfies ControlPlaneChange));
    }
    const rc = requestContext(ctx);
    const signing = rc.caller.signingService;

    const target = ctx.req.headers['x-amz-target'];
    const unknown = unknownServices.of(signing, target);
    if (unknown !== undefined) {
      if (forwardTo) await forwardRequest(ctx, forwardTo, unknown);
      else respond(ctx, unknownServiceAnswer(ctx, unknown, detector.isQueryRequest(ctx.method, ctx.rawPath, ctx.req.headers['content-type'], ctx.query)));
      return true;
    }
    const json = typeof target === 'string' ? detector.jsonTarget(target) : undefined;
    if (json) {
      const body = await readBodyOr(ctx, json.service, (e) => renderJsonError(json.service.model, e));
      if (body) respond(ctx, await invokeJson(json.service, json.operation, String(target), body, rc));
      return true;
    }

    const s3Path = detector.s3Path(ctx.hostname, ctx.rawPath, signing);
    if (s3Path !== undefined && detector.s3) {
      await serveRestXml(ctx, detector.s3, s3Path, rc);
      return true;
    }

    let body: Buffer | undefined;
    if (detector.isQueryRequest(ctx.method, ctx.rawPath, ctx.req.headers['content-type'], ctx.query)) {
      const fallback = detector.queryService(undefined, ctx.query.get('Version') ?? undefined, signing);
      body = await readBodyOr(ctx, fallback, (e) => renderQueryError(fallback.model, e, ctx.requestId));
      if (!body) return true;
      const params = parseForm(ctx.rawQuery);
      const form = parseForm(body);
      if (!params || !form) {
        respond(ctx, renderQueryError(fallback.model, malformedQueryString(), ctx.requestId));
        return true;
      }
      for (const [k, v] of form) if (!params.has(k)) params.set(k, v);
      const action = params.get('Action');
      if (action !== undefined) {
        const service = detector.queryService(action, params.get('Version'), signing);
        if (!Object.hasOwn(service.model.operations, action)) {
          const version = params.get('Version') ?? service.model.metadata.apiVersion;
          const err = new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);
          respond(ctx, renderQueryError(service.model, err, ctx.requestId));
        } else {
          respond(ctx, await invokeQuery(service, action, params, rc));
        }
        return true;
      }
      // A form POST without an Action is not a query request (curl -d sends forms).
    }

    if (signing === 's3' && detector.s3) {
      await serveRestXml(ctx, detector.s3, ctx.rawPath, rc);
      return true;
    }
    return serveRestJson(ctx, router, rc, body);
  };
}

async function serveRestJson(ctx: HttpContext, router: ServiceRouter, rc: RequestContext, alreadyRead?: Buffer): Promise<boolean> {
  const match = router.match(ctx.method, ctx.rawPath, ctx.query, rc.caller.signingService);
  if (match === undefined || match === 'wrong-method') {
    const err = new AwsError('UnknownOperationException', `No operation matches ${ctx.method} ${ctx.rawPath}`, 404);
    respond(ctx, renderError(undefined, err));
    return true;
  }
  const model = match.service.model;
  const body = alreadyRead ?? (await readBodyOr(ctx, match.service, (e) => renderError(model, e), match.operation));
  if (!body) return true;
  const contentType = ctx.req.headers['content-type'];
  if (body.length && contentType && !JSON_LIKE.test(contentType)) {
    const err = new AwsError('UnsupportedMediaTypeException', `Unsupported Media Type: ${contentType}`, 415);
    respond(ctx, renderError(model, err));
    return true;
  }
  const answer = await invokeOperation(match, { method: ctx.method, headers: ctx.req.headers, query: ctx.query, body }, rc);
  respond(ctx, answer);
  return true;
}

async function serveRestXml(ctx: HttpContext, s3: NonNullable<ServiceDetector['s3']>, path: string, rc: RequestContext) {
  const { service, router } = s3;
  const match = router.match(ctx.method, path, ctx.query, ctx.req.headers);
  if (match === undefined || match === 'wrong-method') {
    const err = new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: ctx.method, ResourceType: 'OBJECT' });
    respond(ctx, renderRestXmlError(err, ctx.requestId));
    return;
  }
  let tooLarge: AwsError | undefined;
  const readBody = async () => {
    try {
      return await ctx.readBody(service.maxBodyBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      tooLarge = new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', 400);
      throw tooLarge;
    }
  };
  const answer = await invokeRestXml(service, match, { method: ctx.method, headers: ctx.req.headers, query: ctx.query, stream: ctx.req, readBody }, rc);
  respond(ctx, answer, tooLarge !== undefined);
}

/** Reads the body up to the service's limit; past it, answers the service's "too large"
 * error (rendered by `render`), closes the connection and returns undefined. */
async function readBodyOr(ctx: HttpContext, service: ServiceDefinition, render: (e: AwsError) => EngineResponse, operation = ''): Promise<Buffer | undefined> {
  try {
    return await ctx.readBody(service.maxBodyBytes);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    // Lambda names its limit and operation; both answer the code RequestEntityTooLargeException
    // (test_lambda_api.snapshot.json, test_oversized_request_create_lambda).
    const tooLarge = service.model.shapes.RequestTooLargeException
      ? new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${err.limit} bytes for the ${operation} operation`, 413)
      : new AwsError('RequestEntityTooLargeException', 'Request Too Long', 413);
    respond(ctx, render(tooLarge), true);
    return undefined;
  }
}

function respond(ctx: HttpContext, answer: EngineResponse, close = false) {
  // A copy, completed with Connection and Content-Length after the answer's own headers.
  const headers: Record<string, string | number> = {};
  let hasLength = false;
  for (const name in answer.headers) {
    headers[name] = answer.headers[name];
    if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
  }
  if (close) headers.Connection = 'close';
  const body = answer.body;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    // A streamed payload: Content-Length comes from the provider's output when it knows it.
    ctx.res.writeHead(answer.status, headers);
    pipeline(body, ctx.res, () => undefined);
    return;
  }
  if (!hasLength || ctx.method !== 'HEAD') headers['Content-Length'] = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  ctx.res.writeHead(answer.status, headers);
  if (Buffer.isBuffer(body)) endWithBody(ctx.res, body);
  else ctx.res.end(body);
}
