// FlushStageCache and FlushStageAuthorizersCache. The data plane holds the caches; the
// provider checks the stage exists (404 otherwise) and tells the listeners which API stage
// to forget. localgate keeps no response cache, so FlushStageCache has nothing to clear.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { child, getRestApi, scope } from './lookup.ts';
import type { ApiGatewayV1Store } from './store.ts';

/** Told the REST API, its authorizer ids and the stage whose authorizer results to forget. */
export type RestAuthorizersCacheReset = (restApiId: string, authorizerIds: string[], stageName: string) => void;

export class StageCacheOperations {
  private listeners: RestAuthorizersCacheReset[] = [];

  constructor(private store: ApiGatewayV1Store) {}

  onAuthorizersCacheReset(listener: RestAuthorizersCacheReset) {
    this.listeners.push(listener);
  }

  flushStageAuthorizersCache(input: T.FlushStageAuthorizersCacheRequest, ctx: RequestContext): void {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    child(api.stages, 'Stage', input.stageName);
    const ids = [...api.authorizers.keys()];
    for (const listener of this.listeners) listener(input.restApiId, ids, input.stageName);
  }

  flushStageCache(input: T.FlushStageCacheRequest, ctx: RequestContext): void {
    child(getRestApi(scope(this.store, ctx), input.restApiId).stages, 'Stage', input.stageName);
  }
}
