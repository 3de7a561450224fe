// GET /_localgate/health and POST /_localgate/reset.
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
    if (ctx.rawPath === '/_localgate/reset' && ctx.method === 'POST') {
      reset();
      sendJson(ctx.res, 200, { reset: true });
      return true;
    }
    return false;
  };
}
