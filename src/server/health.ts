// GET /_localgate/health and POST /_localgate/reset; GET /_localstack/health too, in the form
// LocalStack answers it (`services` by name, `version`), for tools that wait on that path.
import { sendJson, type Handler } from './http-context.ts';
import type { AwsDefaults } from '../protocol/sigv4.ts';

export const VERSION = '0.1.0';

/** `reset` clears every store of this localgate instance. */
export function healthHandler(services: string[], defaults: AwsDefaults, reset: () => void): Handler {
  return (ctx) => {
    if (ctx.rawPath === '/_localgate/health' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      sendJson(ctx.res, 200, { status: 'running', version: VERSION, accountId: defaults.account, region: defaults.region, services: Object.fromEntries(services.map((s) => [s, 'running'])) });
      return true;
    }
    if (ctx.rawPath === '/_localstack/health' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      sendJson(ctx.res, 200, { services: Object.fromEntries(services.map((s) => [s, 'running'])), version: VERSION });
      return true;
    }
    if (ctx.rawPath === '/_localgate/reset' && ctx.method === 'POST') {
      reset();
      sendJson(ctx.res, 200, { reset: true });
      return true;
    }
    return false;
  };
}
