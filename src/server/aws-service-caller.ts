// What REST API AWS integrations call by path URI (execute/rest-api/integrations/
// aws-service.ts): the control plane's own rest-xml engine for S3, in-process and unsigned,
// as the API's account. The request goes through the same router, input parsing, provider
// and output serialisation as a client's request; the answer is read whole.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { AwsServiceAnswer, AwsServiceCaller, AwsServiceRequest } from '../execute/rest-api/integrations/aws-service.ts';
import type { EngineResponse, ServiceDefinition } from '../protocol/engine.ts';
import { AwsError } from '../protocol/errors.ts';
import { invokeRestXml, renderRestXmlError, RestXmlRouter } from '../protocol/rest-xml.ts';

/** `services` is asked on the first call (the definitions are built after the data plane). */
export function createAwsServiceCaller(services: () => ServiceDefinition[], baseUrl: () => string): AwsServiceCaller {
  let s3: { service: ServiceDefinition; router: RestXmlRouter } | undefined;
  const s3Engine = () => {
    if (!s3) {
      const service = services().find((s) => s.name === 's3' && s.protocol === 'rest-xml');
      if (!service) throw new Error('localgate serves no S3');
      s3 = { service, router: new RestXmlRouter(service) };
    }
    return s3;
  };
  return {
    serves: (service) => service === 's3',
    async call(request) {
      if (request.service !== 's3') throw new Error(`localgate does not serve ${request.service} to AWS integrations`);
      const { service, router } = s3Engine();
      const requestId = randomUUID();
      const query = new URLSearchParams();
      for (const [name, values] of request.query) for (const v of values) query.append(name, v);
      const headers = headersOf(request);
      const match = router.match(request.method, request.path, query, headers);
      if (match === undefined || match === 'wrong-method') {
        const err = new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: request.method, ResourceType: 'OBJECT' });
        return answerOf(renderRestXmlError(err, requestId));
      }
      const rc = { caller: { account: request.account, region: request.region, signingService: 's3', signed: false }, account: request.account, region: request.region, requestId, baseUrl: baseUrl() };
      const stream = Readable.from([request.body]);
      const answer = await invokeRestXml(service, match, { method: request.method, headers, query, stream, readBody: async () => request.body }, rc);
      return answerOf(answer);
    },
  };
}

function headersOf(request: AwsServiceRequest): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, values] of request.headers) out[name] = values.join(', ');
  out['content-length'] = String(request.body.length);
  return out;
}

async function answerOf(answer: EngineResponse): Promise<AwsServiceAnswer> {
  const headers = new Map<string, string[]>();
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name.toLowerCase(), [value]);
  const body = answer.body;
  if (body === undefined) return { status: answer.status, headers, body: Buffer.alloc(0) };
  if (typeof body === 'string' || Buffer.isBuffer(body)) return { status: answer.status, headers, body: Buffer.from(body) };
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return { status: answer.status, headers, body: Buffer.concat(chunks) };
}
