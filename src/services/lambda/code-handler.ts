// Serves a function's deployment package at the URL GetFunction returns as Code.Location
// (on AWS a presigned S3 URL; here a localgate path naming the unpacked zip).
import { createReadStream, statSync } from 'node:fs';
import { sendJson, type Handler } from '../../server/http-context.ts';
import type { LambdaStore } from './store.ts';

const PREFIX = '/_localgate/lambda-code/';

export function codeLocation(baseUrl: string, token: string): string {
  return `${baseUrl}${PREFIX}${token}.zip`;
}

export function lambdaCodeHandler(store: LambdaStore): Handler {
  return (ctx) => {
    if (!ctx.rawPath.startsWith(PREFIX)) return false;
    const token = ctx.rawPath.slice(PREFIX.length).replace(/\.zip$/, '');
    const path = /^[0-9a-f]{32}$/.test(token) ? store.zipPath(token) : undefined;
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !path) {
      sendJson(ctx.res, 404, { Code: 'NoSuchKey', Message: 'The specified key does not exist.' });
      return true;
    }
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      sendJson(ctx.res, 404, { Code: 'NoSuchKey', Message: 'The specified key does not exist.' });
      return true;
    }
    ctx.res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': size });
    if (ctx.method === 'HEAD') ctx.res.end();
    else createReadStream(path).pipe(ctx.res);
    return true;
  };
}
