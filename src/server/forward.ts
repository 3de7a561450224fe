// Requests for AWS services localgate does not serve (a function calling DynamoDB or SQS):
// with --forward-unknown-services URL they are proxied unchanged to that endpoint (a DynamoDB
// Local, moto or another emulator the user runs) and its answer streamed back; without it
// they get an error naming the service, in the request's protocol.
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream';
import { renderError, type ServiceDefinition } from '../protocol/engine.ts';
import { AwsError } from '../protocol/errors.ts';
import type { ServiceModel } from '../protocol/model.ts';
import { renderQueryError } from '../protocol/query.ts';
import type { HttpContext } from './http-context.ts';

/** Which service a request is for when localgate does not serve it: one signed for a service
 * none of ours signs as, or one whose X-Amz-Target names a prefix none of ours has. */
export class UnknownServices {
  private readonly signingNames: Set<string>;
  private readonly targetPrefixes: Set<string>;

  constructor(services: ServiceDefinition[]) {
    this.signingNames = new Set(services.flatMap((s) => s.signingNames));
    this.targetPrefixes = new Set(services.flatMap((s) => (s.model.metadata.targetPrefix ? [s.model.metadata.targetPrefix] : [])));
  }

  /** The unserved service's name (its signing name, else its target prefix), or undefined. */
  of(signingService: string | undefined, target: string | string[] | undefined): string | undefined {
    if (signingService !== undefined && !this.signingNames.has(signingService)) return signingService;
    if (typeof target === 'string') {
      const prefix = target.slice(0, target.lastIndexOf('.'));
      if (!this.targetPrefixes.has(prefix)) return prefix || target;
    }
    return undefined;
  }
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not passed on.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/** Proxies the request as it came (method, path, query, every end-to-end header including
 * Host, Authorization and X-Amz-*, the body streamed) to `base` and streams the answer back. */
export function forwardRequest(ctx: HttpContext, base: URL, service: string): Promise<void> {
  const prefix = base.pathname.replace(/\/$/, '');
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((done) => {
    const upstream = send({
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || undefined,
      method: ctx.method,
      path: `${prefix}${ctx.req.url ?? '/'}`,
      headers: endToEnd(ctx.req.headers),
    });
    upstream.on('response', (answer) => {
      // The answer is the endpoint's own, request id included.
      ctx.res.removeHeader('x-amzn-RequestId');
      ctx.res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      pipeline(answer, ctx.res, () => done());
    });
    upstream.on('error', (err) => {
      if (!ctx.res.headersSent) {
        const reason = (err as NodeJS.ErrnoException).code ?? err.message;
        const fault = new AwsError('BadGateway', `localgate could not forward this ${service} request to ${base.origin} (--forward-unknown-services): ${reason}`, 502);
        send502(ctx, fault);
      } else ctx.res.destroy();
      done();
    });
    // A client that goes away ends the forwarded request too.
    pipeline(ctx.req, upstream, (err) => {
      if (err) upstream.destroy();
    });
  });
}

function send502(ctx: HttpContext, fault: AwsError) {
  const answer = renderError(undefined, fault);
  ctx.res.writeHead(answer.status, answer.headers);
  ctx.res.end(answer.body);
}

// Query-protocol errors carry no model-specific parts here (no namespace, no error shapes).
const NO_MODEL = { metadata: {}, shapes: {}, operations: {} } as unknown as ServiceModel;

/** The answer to a request for an unserved service when nothing is forwarded: 501 (which the
 * SDKs do not retry), XML for query-protocol requests, JSON otherwise. */
export function unknownServiceAnswer(ctx: HttpContext, service: string, queryStyle: boolean) {
  const err = new AwsError(
    'NotImplemented',
    `localgate does not serve the ${service} service; start localgate with --forward-unknown-services URL (LOCALGATE_FORWARD_URL) to proxy its requests to an emulator that does`,
    501,
  );
  return queryStyle ? renderQueryError(NO_MODEL, err, ctx.requestId) : renderError(undefined, err);
}
