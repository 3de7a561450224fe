// The composition root: builds the providers, the handler chain and the HTTP server.
import type { Server } from 'node:http';
import { DEFAULT_CONFIG, type LocalgateConfig } from './config.ts';
import { ServiceRouter } from './protocol/engine.ts';
import { controlPlaneHandler } from './server/control-plane.ts';
import { healthHandler } from './server/health.ts';
import { createLocalgateServer, listen } from './server/server.ts';
import { serviceDefinitions } from './services/index.ts';

export interface Localgate {
  server: Server;
  port: number;
  /** e.g. http://localhost:4566 */
  url: string;
  config: LocalgateConfig;
  close(): Promise<void>;
}

export async function startLocalgate(overrides: Partial<LocalgateConfig> = {}): Promise<Localgate> {
  const config: LocalgateConfig = { ...DEFAULT_CONFIG, ...overrides };
  let port = config.port;
  const baseUrl = () => `http://localhost:${port}`;

  const services = serviceDefinitions({ apigatewayv2: {}, apigateway: {}, lambda: {} });
  const router = new ServiceRouter(services);
  const server = createLocalgateServer({
    baseUrl,
    handlers: [healthHandler(services.map((s) => s.name)), controlPlaneHandler(router)],
  });
  const address = await listen(server, config.port, config.host);
  port = address.port;

  return {
    server,
    port,
    url: baseUrl(),
    config,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
