// localgate's programmatic API, the package's entry point: `import { startLocalgate } from
// 'localgate'` (dist/index.mjs; dist/index.cjs for require). A thin layer over app.ts's
// startLocalgate: test-friendly defaults (port 0, quiet), an endpoint, reset, stop, and the
// deploy command in-process. Its types are api-types.ts.
import type { DeployOptions, DeployedStack, LocalgateInstance, LocalgateOptions, StartLocalgate } from './api-types.ts';
import { startLocalgate as startServer } from './app.ts';
import { checkConfig } from './settings.ts';

export type { DeployOptions, DeployedStack, LocalgateInstance, LocalgateOptions, StartLocalgate };

export const startLocalgate: StartLocalgate = async (options: LocalgateOptions = {}) => {
  const config = { port: 0, quiet: true, ...options };
  checkConfig(config);
  const app = await startServer(config);
  let stopped: Promise<void> | undefined;
  return {
    endpoint: app.url,
    port: app.port,
    async reset() {
      app.reset();
    },
    stop() {
      return (stopped ??= app.close());
    },
    async deploy(path: string, deployOptions: DeployOptions = {}): Promise<DeployedStack[]> {
      // The deploy command and its AWS SDK clients load only when used (their own bundle chunk).
      const { deployOnce } = await import('./deploy/command.ts');
      return deployOnce(
        {
          path,
          endpoint: app.url,
          stackName: deployOptions.stackName,
          parameters: deployOptions.parameters ?? {},
          region: deployOptions.region ?? app.config.region,
          skipUnsupported: deployOptions.skipUnsupported ?? false,
          watch: false,
        },
        deployOptions.log ?? (() => undefined),
      );
    },
  };
};
