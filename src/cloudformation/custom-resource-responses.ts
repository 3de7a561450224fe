// The ResponseURL of custom resources. On AWS it is a presigned S3 URL the function PUTs
// its answer to; here localgate serves it: each request CloudFormation sends a custom
// resource gets a token, and the resource waits until a PUT arrives for that token or the
// timeout passes. One registry per localgate instance, found by the instance's base URL
// (the URL resource types see in their request context).
import { randomUUID } from 'node:crypto';
import { BodyTooLargeError, sendJson, type Handler, type HttpContext } from '../server/http-context.ts';

const PATH_PREFIX = '/_localgate/cloudformation/custom-resource-response/';
/** CloudFormation refuses larger response objects. */
const MAX_RESPONSE_BYTES = 4096;

/** The response object a custom resource provider sends (as the custom resource reference names it). */
export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId?: string;
  StackId?: string;
  RequestId?: string;
  LogicalResourceId?: string;
  NoEcho?: boolean;
  Data?: Record<string, unknown>;
}

/** A response that arrived but cannot be used; the resource fails with this reason. */
export class InvalidCustomResourceResponse extends Error {}

interface Pending {
  resolve(response: CustomResourceResponse): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const STOPPED = 'localgate stopped while the custom resource waited for its response';

const registries = new Map<string, CustomResourceResponses>();

export class CustomResourceResponses {
  private readonly pending = new Map<string, Pending>();
  private baseUrl?: string;
  /** Set by shutdown: a stack operation still running (e.g. rolling back) waits for no new response. */
  private stopped = false;

  /** `defaultTimeoutMs`: how long a resource waits when it sets no ServiceTimeout (AWS: 1 hour). */
  constructor(readonly defaultTimeoutMs: number) {}

  /** The registry of the localgate reached at `baseUrl`. */
  static of(baseUrl: string): CustomResourceResponses | undefined {
    return registries.get(baseUrl);
  }

  attach(baseUrl: string) {
    this.baseUrl = baseUrl;
    registries.set(baseUrl, this);
  }

  /** A new ResponseURL and the response PUT to it (rejected after `timeoutMs` with
   * CloudFormation's reason); `cancel` stops waiting (the request could not be sent). */
  expect(baseUrl: string, requestId: string, timeoutMs = this.defaultTimeoutMs): { responseUrl: string; response: Promise<CustomResourceResponse>; cancel(): void } {
    const token = randomUUID();
    const response = new Promise<CustomResourceResponse>((resolve, reject) => {
      if (this.stopped) return reject(new Error(STOPPED));
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(
          new Error(
            `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [${requestId}]. ` +
              'If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version.',
          ),
        );
      }, timeoutMs);
      this.pending.set(token, { resolve, reject, timer });
    });
    // Observed here so a cancelled or abandoned wait never becomes an unhandled rejection.
    response.catch(() => undefined);
    const cancel = () => {
      const pending = this.pending.get(token);
      if (pending) this.settle(token, pending, () => pending.reject(new Error('cancelled')));
    };
    return { responseUrl: `${baseUrl}${PATH_PREFIX}${token}`, response, cancel };
  }

  /** PUT /_localgate/cloudformation/custom-resource-response/{token}: answered 200 with an
   * empty body, as S3 answers a presigned PUT; the waiting resource gets the response. Other
   * paths pass on synchronously (no promise per request on the data plane's way). */
  readonly handler: Handler = (ctx) => (ctx.rawPath.startsWith(PATH_PREFIX) ? this.answer(ctx) : false);

  private async answer(ctx: HttpContext): Promise<boolean> {
    const token = ctx.rawPath.slice(PATH_PREFIX.length);
    const pending = this.pending.get(token);
    if (ctx.method !== 'PUT') {
      sendJson(ctx.res, 405, { message: 'Custom resource responses are sent with PUT' });
      return true;
    }
    if (!pending) {
      sendJson(ctx.res, 404, { message: 'No custom resource is waiting for this response (it timed out or already has one)' });
      return true;
    }
    let body: Buffer;
    try {
      body = await ctx.readBody(MAX_RESPONSE_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      this.settle(token, pending, () => pending.reject(new InvalidCustomResourceResponse('Response object is too long.')));
      sendJson(ctx.res, 400, { message: 'Response object is too long.' });
      return true;
    }
    this.settle(token, pending, () => {
      try {
        pending.resolve(parseResponse(body));
      } catch (err) {
        pending.reject(err as Error);
      }
    });
    ctx.res.writeHead(200, { 'Content-Length': 0 });
    ctx.res.end();
    return true;
  }

  private settle(token: string, pending: Pending, how: () => void) {
    clearTimeout(pending.timer);
    this.pending.delete(token);
    how();
  }

  /** Waiting resources fail (the stack operation they belong to cannot finish). */
  reset() {
    for (const [token, pending] of this.pending) this.settle(token, pending, () => pending.reject(new Error('localgate was reset while the custom resource waited for its response')));
  }

  /** Runs before the CloudFormation service waits for its stack operations to settle. */
  shutdown() {
    this.stopped = true;
    for (const [token, pending] of this.pending) this.settle(token, pending, () => pending.reject(new Error(STOPPED)));
    if (this.baseUrl && registries.get(this.baseUrl) === this) registries.delete(this.baseUrl);
  }
}

function parseResponse(body: Buffer): CustomResourceResponse {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InvalidCustomResourceResponse('Invalid response object: the response is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InvalidCustomResourceResponse('Invalid response object: the response is not a JSON object');
  const response = json as CustomResourceResponse;
  if (response.Status !== 'SUCCESS' && response.Status !== 'FAILED') {
    throw new InvalidCustomResourceResponse(`Invalid response object: Status must be SUCCESS or FAILED (was ${JSON.stringify(response.Status ?? null)})`);
  }
  if (response.Data !== undefined && (typeof response.Data !== 'object' || response.Data === null || Array.isArray(response.Data))) {
    throw new InvalidCustomResourceResponse('Invalid response object: Data must be a JSON object');
  }
  return response;
}
