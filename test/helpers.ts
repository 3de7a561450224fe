// Shared helpers for end-to-end tests: a localgate on a random port and SDK client options.
import { after, before } from 'node:test';
import { startLocalgate, type Localgate } from '../src/app.ts';
import type { LocalgateConfig } from '../src/config.ts';

export async function startTestServer(overrides: Partial<LocalgateConfig> = {}): Promise<Localgate> {
  return startLocalgate({ port: 0, quiet: true, ...overrides });
}

export function clientConfig(app: Localgate, opts: { region?: string; accessKeyId?: string } = {}) {
  return {
    region: opts.region ?? 'us-east-1',
    endpoint: app.url,
    credentials: { accessKeyId: opts.accessKeyId ?? 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

/** Signed-looking Authorization header, as the seed's curl examples send it. */
export function fakeAuth(service = 'apigateway', region = 'us-east-1', accessKey = 'test') {
  return `AWS4-HMAC-SHA256 Credential=${accessKey}/20260421/${region}/${service}/aws4_request, SignedHeaders=host, Signature=fake`;
}

/** Starts a localgate and an SDK client for it before the enclosing suite's tests (handing
 * both to `use`) and closes them after. */
export function useClient<C extends { destroy(): void }>(make: (app: Localgate) => C, use: (app: Localgate, client: C) => void) {
  let app: Localgate;
  let client: C;
  before(async () => {
    app = await startTestServer();
    client = make(app);
    use(app, client);
  });
  after(async () => {
    client.destroy();
    await app.close();
  });
}

/** Connects a console (the console's event stream), so the data plane records steps, bodies
 * and headers; returns what disconnects it. The stream is read until then: undici cancels a
 * body nobody reads once its response is garbage-collected, which would disconnect the
 * console in the middle of a test. */
export async function connectConsole(app: Localgate): Promise<() => void> {
  const ctrl = new AbortController();
  const res = await fetch(`${app.url}/_localgate/api/events`, { signal: ctrl.signal });
  res.body!.pipeTo(new WritableStream()).catch(() => {}); // ends with an AbortError on disconnect
  return () => ctrl.abort();
}
