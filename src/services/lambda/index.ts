// Builds the Lambda service for one localgate: its store, the execution environment pool,
// the invoker other parts call, the control-plane provider and the Code.Location handler.
// Function URLs are served by the data plane (src/execute/function-urls/).
import type { LocalgateConfig } from '../../config.ts';
import type { FunctionLogSink } from '../logs/index.ts';
import type { Operations } from '../../models/lambda.types.ts';
import { composeProvider } from '../../protocol/compose.ts';
import { lambdaCodeHandler } from './code-handler.ts';
import { ConcurrencyProvider } from './concurrency.ts';
import { FunctionSettingsProvider } from './function-settings.ts';
import { EnvironmentPool } from '../../runtime/pool.ts';
import { LocalLambdaInvoker } from './invoke.ts';
import { LayerProvider } from './layers.ts';
import { LambdaProvider } from './provider.ts';
import type { CodeObjectSource } from './s3-code.ts';
import { LambdaStore } from './store.ts';

export function createLambdaService(config: LocalgateConfig, baseUrl: () => string, codeObjects: CodeObjectSource, logSink?: FunctionLogSink) {
  const store = new LambdaStore();
  const pool = new EnvironmentPool({
    maxPerFunction: config.lambdaMaxEnvironments,
    idleMs: config.lambdaIdleMs,
    quiet: config.quiet,
    executor: config.lambdaExecutor,
    onEnvironmentEnd: () => {
      if (store.pendingGarbage) store.collectGarbage();
    },
  });
  store.inUse = () => pool.directoriesInUse();
  const invoker = new LocalLambdaInvoker(store, pool, { endpointUrl: baseUrl, quiet: config.quiet, logSink });
  return {
    invoker,
    pool,
    store,
    provider: composeProvider<Operations>('lambda', [
      new LambdaProvider(store, invoker, pool, { strict: config.strictRuntimes, warn: (message) => console.warn(message) }, codeObjects),
      new LayerProvider(store, codeObjects),
      new FunctionSettingsProvider(invoker),
      new ConcurrencyProvider(store, invoker),
    ]),
    codeHandler: lambdaCodeHandler(store),
    reset() {
      invoker.reset();
      pool.retire('');
      store.reset();
    },
    shutdown() {
      invoker.shutdown();
      pool.shutdown();
      store.shutdown();
    },
  };
}
