// Builds the Lambda service for one localgate: its store, the execution environment pool,
// the invoker other parts call, the control-plane provider, the Code.Location handler and
// the function URL handler.
import type { LocalgateConfig } from '../../config.ts';
import { EnvironmentPool } from '../../runtime/pool.ts';
import { lambdaCodeHandler } from './code-handler.ts';
import { functionUrlHandler } from './function-url-handler.ts';
import { LocalLambdaInvoker } from './invoke.ts';
import { LambdaProvider } from './provider.ts';
import { LambdaStore } from './store.ts';

export function createLambdaService(config: LocalgateConfig, baseUrl: () => string) {
  const store = new LambdaStore();
  const pool = new EnvironmentPool({ maxPerFunction: config.lambdaMaxEnvironments, idleMs: config.lambdaIdleMs, quiet: config.quiet });
  const invoker = new LocalLambdaInvoker(store, pool, baseUrl, config.quiet);
  return {
    invoker,
    pool,
    store,
    provider: new LambdaProvider(store, invoker, pool),
    codeHandler: lambdaCodeHandler(store),
    /** Function URLs (host and path forms). */
    urlHandler: functionUrlHandler(store, invoker),
    reset() {
      store.reset();
      pool.retire('');
    },
    shutdown() {
      pool.shutdown();
      store.shutdown();
    },
  };
}
