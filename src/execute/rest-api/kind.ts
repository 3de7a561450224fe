// The REST API kind of the execute-api registry: claims the v1 REST APIs and serves the
// snapshot their stage's deployment froze (see pipeline.ts).
import type { RestDataPlane } from '../../services/apigateway/data-plane.ts';
import type { ApiGatewayV1Store, RestApiLocation } from '../../services/apigateway/store.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import type { IdentifyCaller } from '../../services/sts/provider.ts';
import type { AwsServiceCaller } from './integrations/aws-service.ts';
import { AuthorizerCache } from '../authorizers/lambda-request.ts';
import type { ApiHandle, ApiKind } from '../entry.ts';
import { Throttler } from '../shared/throttle.ts';
import { serveRestApi, type RestPipelineDeps } from './pipeline.ts';
import { RestApiTestInvoker } from './test-invoke.ts';
import { UsageTracker } from './usage.ts';

interface RestApiKindOptions {
  store: ApiGatewayV1Store;
  invoker: LambdaInvoker;
  /** What AWS integrations call by path URI (S3). */
  services?: AwsServiceCaller;
  /** The principal behind an AWS_IAM caller's access key. */
  identify?: IdentifyCaller;
}


export class RestApiKind implements ApiKind {
  readonly name = 'rest';
  private deps: RestPipelineDeps;
  private handles = new WeakMap<RestApiLocation['record'], ApiHandle>();

  constructor(opts: RestApiKindOptions) {
    this.deps = {
      store: opts.store,
      invoker: opts.invoker,
      services: opts.services,
      authorizerCache: new AuthorizerCache(),
      identify: opts.identify,
      usage: new UsageTracker(),
      stageThrottler: new Throttler(),
    };
    this.controlPlaneView = { testInvoke: new RestApiTestInvoker(opts.invoker, opts.services), usage: this.deps.usage };
  }

  /** What the v1 provider asks of the data plane (services/apigateway/data-plane.ts). */
  readonly controlPlaneView: RestDataPlane;

  /** The usage plans' counters (kept in a --state-dir). */
  get usage(): UsageTracker {
    return this.deps.usage;
  }

  claim(apiId: string): ApiHandle | undefined {
    const location = this.deps.store.findRestApi(apiId);
    if (!location) return undefined;
    // One handle per API record, built on its first request (the record lives as long as the API).
    const cached = this.handles.get(location.record);
    if (cached && cached.executeApiDisabled === (location.record.api.disableExecuteApiEndpoint === true)) return cached;
    const handle: ApiHandle = {
      hasStage: (name) => location.record.stages.has(name),
      executeApiDisabled: location.record.api.disableExecuteApiEndpoint === true,
      unknownStageForbidden: true,
      serve: (req) => serveRestApi(this.deps, location, req),
    };
    this.handles.set(location.record, handle);
    return handle;
  }

  /** FlushStageAuthorizersCache: forgets these authorizers' cached results. The cache key
   * (authorize.ts) starts with the authorizer id and names no stage, so this clears the
   * results every stage shares. */
  resetAuthorizersCache(authorizerIds: string[]) {
    for (const id of authorizerIds) this.deps.authorizerCache.clearPrefix(`rest\u0000${id}\u0000`);
  }

  /** Forgets caches, throttling and quota counts (POST /_localgate/reset). */
  reset() {
    this.deps.authorizerCache.clear();
    this.deps.usage.clear();
    this.deps.stageThrottler.clear();
  }
}
