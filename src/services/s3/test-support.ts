// Shared set-up for the S3 unit tests: a service, a request context and body helpers.
import type { RequestContext } from '../../protocol/engine.ts';
import { createS3Service } from './provider.ts';

export function ctx(account = '000000000000', region = 'us-east-1'): RequestContext {
  return { caller: { accessKeyId: 'test', account, region, signed: true }, account, region, requestId: 'req', baseUrl: 'http://localhost:4566' };
}

export function newService() {
  return createS3Service();
}

/** A body as the engine streams it: chunks from an async iterable. */
export async function* streamOf(...chunks: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield Buffer.from(c);
}

/** Reads a GetObject Body (a stream, or absent for an empty object) to a Buffer. */
export async function bodyBytes(body: unknown): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}
