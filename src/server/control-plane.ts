// The control-plane handler: every AWS API call (apigateway, apigatewayv2, lambda) goes
// through the model-driven engine. It runs last in the chain, after the data plane.
import { invokeOperation, renderError, type RequestContext, type ServiceRouter } from '../protocol/engine.ts';
import { AwsError } from '../protocol/errors.ts';
import { callerFromHeaders } from '../protocol/sigv4.ts';
import { BodyTooLargeError, type Handler, type HttpContext } from './http-context.ts';

export function requestContext(ctx: HttpContext): RequestContext {
  const caller = callerFromHeaders(ctx.req.headers.authorization, ctx.query.get('X-Amz-Credential'));
  return { caller, account: caller.account, region: caller.region, requestId: ctx.requestId, baseUrl: ctx.baseUrl };
}

const JSON_LIKE = /^(application\/(.*\+)?json|application\/x-amz-json-1\.[01]|text\/plain|application\/x-www-form-urlencoded|application\/octet-stream|binary\/octet-stream)\b/i;

export function controlPlaneHandler(router: ServiceRouter): Handler {
  return async (ctx) => {
    const rc = requestContext(ctx);
    const match = router.match(ctx.method, ctx.rawPath, ctx.query, rc.caller.signingService);
    if (match === undefined || match === 'wrong-method') {
      const err = new AwsError('UnknownOperationException', `No operation matches ${ctx.method} ${ctx.rawPath}`, 404);
      respond(ctx, renderError(undefined, err));
      return true;
    }
    const model = match.service.model;
    let body: Buffer;
    try {
      body = await ctx.readBody(match.service.maxBodyBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      const tooLarge = model.shapes.RequestTooLargeException
        ? new AwsError('RequestTooLargeException', `Request must be smaller than ${err.limit} bytes for the ${match.operation} operation`)
        : new AwsError('RequestEntityTooLargeException', 'Request Too Long', 413);
      respond(ctx, renderError(model, tooLarge), true);
      return true;
    }
    const contentType = ctx.req.headers['content-type'];
    if (body.length && contentType && !JSON_LIKE.test(contentType)) {
      const err = new AwsError('UnsupportedMediaTypeException', `Unsupported Media Type: ${contentType}`, 415);
      respond(ctx, renderError(model, err));
      return true;
    }
    const answer = await invokeOperation(match, { method: ctx.method, headers: ctx.req.headers, query: ctx.query, body }, rc);
    respond(ctx, answer);
    return true;
  };
}

function respond(ctx: HttpContext, answer: { status: number; headers: Record<string, string>; body?: Buffer | string }, close = false) {
  const headers: Record<string, string | number> = { ...answer.headers };
  headers['Content-Length'] = answer.body === undefined ? 0 : Buffer.byteLength(answer.body);
  if (close) headers.Connection = 'close';
  ctx.res.writeHead(answer.status, headers);
  ctx.res.end(answer.body);
}
