// Shared set-up for the S3 unit tests: a service, a request context and body helpers.
import type { RequestContext } from '../../protocol/engine.ts';
import { Readable } from 'node:stream';
import { AwsChunkedDecoder, type StreamingBody } from '../../protocol/streaming.ts';
import { createS3Service } from './provider.ts';

export function ctx(account = '000000000000', region = 'us-east-1'): RequestContext {
  return { caller: { accessKeyId: 'test', account, region, signed: true }, account, region, requestId: 'req', baseUrl: 'http://localhost:4566' };
}

export function newService() {
  return createS3Service();
}

/** A request body as the engine hands it over: a stream with (empty) trailers. */
export function body(...chunks: (string | Buffer)[]): StreamingBody {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { trailers: {} });
}

/** An aws-chunked request body, decoded by the engine's own decoder (trailers included). */
export function chunked(framed: string): StreamingBody {
  return Readable.from([Buffer.from(framed)]).pipe(new AwsChunkedDecoder());
}

/** Reads a GetObject Body (a stream, or absent for an empty object) to a Buffer. */
export async function bodyBytes(body: unknown): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}
