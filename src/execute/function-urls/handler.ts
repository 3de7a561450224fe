// Serves function URLs: http://<url-id>.lambda-url.<region>.localhost:<port>/<path> and the
// path form /lambda-url/<url-id>/<path>. The request becomes the payload format 2.0 event
// Lambda documents for function URLs (routeKey and stage "$default", apiId and domainPrefix
// the url-id) and the function's result is mapped as response.ts says. AWS_IAM URLs want a
// SigV4-signed request; NONE URLs a public lambda:InvokeFunctionUrl permission.
import { applyCors, compileCors, isPreflight, preflightHeaders } from '../http-api/cors.ts';
import { eventV2 } from '../http-api/events.ts';
import { headerMap, queryMap, sourceIp, type GatewayRequest } from '../shared/gateway-request.ts';
import { isFailure } from '../shared/integration.ts';
import { invokeFunction } from '../shared/invoke-function.ts';
import type { MappedResponse } from '../shared/proxy-response.ts';
import { callerFromHeaders } from '../../protocol/sigv4.ts';
import { BodyTooLargeError, type Handler, type HttpContext } from '../../server/http-context.ts';
import { MAX_PAYLOAD_BYTES } from '../../services/lambda/invoke.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { allowsPublicUrlInvoke } from '../../services/lambda/permissions.ts';
import type { LambdaStore } from '../../services/lambda/store.ts';
import type { IdentifyCaller } from '../../services/sts/provider.ts';
import { iamAuthorizerContext } from '../shared/iam-caller.ts';
import { mapUrlResponse } from './response.ts';

const HOST = /^([a-z0-9]{32})\.lambda-url\.[a-z0-9-]+\.localhost$/;
const PATH = /^\/lambda-url\/([a-z0-9]{32})(\/.*)?$/;

function locate(ctx: HttpContext): { id: string; path: string } | undefined {
  const host = HOST.exec(ctx.hostname);
  if (host) return { id: host[1], path: ctx.rawPath || '/' };
  const path = PATH.exec(ctx.rawPath);
  return path ? { id: path[1], path: path[2] ?? '/' } : undefined;
}

function send(ctx: HttpContext, status: number, headers: Record<string, string | string[]>, body: Buffer) {
  if (ctx.res.headersSent) return void ctx.res.destroy();
  ctx.res.writeHead(status, { ...headers, 'content-length': body.length });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
}

const message = (ctx: HttpContext, status: number, text: string) =>
  send(ctx, status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ Message: text })));

export function functionUrlHandler(store: LambdaStore, invoker: LambdaInvoker, identify?: IdentifyCaller): Handler {
  // Requests for other URLs pass on without a promise; a function URL's is served async.
  return (ctx) => {
    const loc = locate(ctx);
    return loc ? serve(ctx, loc) : false;
  };
  async function serve(ctx: HttpContext, loc: { id: string; path: string }): Promise<boolean> {
    const target = store.urlIds.get(loc.id);
    const fn = target && store.scope(target.account, target.region).functions.get(target.functionName);
    const url = target && fn?.urls.get(target.qualifier);
    if (!target || !fn || !url) {
      ctx.req.resume();
      message(ctx, 403, 'Forbidden');
      return true;
    }
    const headers = headerMap(ctx.req.rawHeaders);
    const credential = ctx.query.get('X-Amz-Credential');
    const caller = callerFromHeaders(headers.get('authorization')?.[0], credential, ctx.awsDefaults);
    // AWS_IAM wants a signed request (the signature itself is not checked, as elsewhere);
    // NONE wants a statement in the resource policy that lets anyone invoke the URL.
    const allowed = url.config.AuthType === 'AWS_IAM' ? caller.signed : allowsPublicUrlInvoke(fn, target.qualifier || undefined);
    if (!allowed) {
      ctx.req.resume();
      message(ctx, 403, 'Forbidden');
      return true;
    }
    let body: Buffer;
    try {
      body = await ctx.readBody(MAX_PAYLOAD_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      message(ctx, 413, 'Request must be smaller than 6291456 bytes for the InvokeFunction operation');
      return true;
    }
    const req: GatewayRequest = {
      method: ctx.method,
      rawPath: loc.path,
      stagePath: loc.path,
      rawQuery: ctx.rawQuery,
      headers,
      query: queryMap(ctx.rawQuery),
      body,
      sourceIp: sourceIp(ctx.req),
      protocol: `HTTP/${ctx.req.httpVersion}`,
      timeEpoch: Date.now(),
    };
    const cors = compileCors(url.config.Cors);
    if (cors && isPreflight(req.method, headers)) {
      send(ctx, 200, preflightHeaders(cors, headers), Buffer.alloc(0));
      return true;
    }
    const event = eventV2(req, {
      accountId: target.account,
      apiId: loc.id,
      domainName: `${loc.id}.lambda-url.${target.region}.localhost`,
      domainPrefix: loc.id,
      requestId: ctx.requestId,
      routeKey: '$default',
      stage: '$default',
      authorizer: url.config.AuthType === 'AWS_IAM' ? { iam: iamAuthorizerContext(identify, caller.accessKeyId, caller.account) } : undefined,
    });
    const qualifier = target.qualifier ? `:${target.qualifier}` : '';
    const result = await invokeFunction({ invoker, uri: `arn:aws:lambda:${target.region}:${target.account}:function:${target.functionName}${qualifier}`, payload: { event } });
    // Lambda's throttling is the one failure a function URL passes on (as Lambda's 429);
    // anything else, a function error included, is a bare 502.
    if (isFailure(result) && result.failure === 'throttled') {
      message(ctx, 429, 'Rate Exceeded.');
      return true;
    }
    let mapped: MappedResponse | undefined;
    if (!isFailure(result) && !result.functionError) {
      try {
        mapped = mapUrlResponse(result.payload);
      } catch {
        // a malformed answer: the 502 below
      }
    }
    if (!mapped) {
      send(ctx, 502, { 'content-type': 'text/plain' }, Buffer.from('Internal Server Error'));
      return true;
    }
    if (cors) applyCors(cors, headers, mapped.headers);
    send(ctx, mapped.status, mapped.headers, mapped.body);
    return true;
  }
}
