// The environment pool as the Lambda service uses it: before an environment starts, the
// version's layers are merged into its stand-in for /opt (FunctionSpec.optDir), which the
// launcher puts on the runtime's search paths.
import type { Invocation, Outcome } from '../../runtime/environment.ts';
import type { FunctionSpec } from '../../runtime/launch.ts';
import { EnvironmentPool, type PoolOptions } from '../../runtime/pool.ts';
import type { LambdaStore } from './store.ts';

export class LayeredPool extends EnvironmentPool {
  constructor(
    private readonly store: LambdaStore,
    opts: PoolOptions,
  ) {
    super(opts);
  }

  override invoke(key: string, spec: FunctionSpec, inv: Invocation): Promise<Outcome> {
    const [, , , region, account, , name] = spec.functionArn.split(':');
    const fn = this.store.scope(account, region).functions.get(name);
    const record = spec.version === '$LATEST' ? fn?.latest : fn?.versions.get(spec.version);
    const layers = record?.layerDirs;
    return super.invoke(key, layers?.length ? { ...spec, optDir: this.store.optDir(layers) } : spec, inv);
  }
}
