// The HTTP API kind of the execute-api registry: claims the v2 APIs with ProtocolType HTTP
// and serves the snapshot their stage's deployment froze (an AutoDeploy stage is redeployed
// by the control plane on every change, so it follows the draft).
import type { ApiGatewayV2Store } from '../../services/apigatewayv2/store.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import type { IdentifyCaller } from '../../services/sts/provider.ts';
import { JwksCache } from '../authorizers/jwt.ts';
import { AuthorizerCache } from '../authorizers/lambda-request.ts';
import type { ApiHandle, ApiKind } from '../entry.ts';
import { authorizerCacheScope } from './authorize.ts';
import { serveHttpApi, type PipelineDeps } from './pipeline.ts';
import { Throttler } from '../shared/throttle.ts';

interface HttpApiKindOptions {
  store: ApiGatewayV2Store;
  invoker: LambdaInvoker;
  /** The principal behind an AWS_IAM caller's access key. */
  identify?: IdentifyCaller;
}

export class HttpApiKind implements ApiKind {
  readonly name = 'http';
  private deps: PipelineDeps;

  constructor(private readonly opts: HttpApiKindOptions) {
    this.deps = {
      invoker: opts.invoker,
      jwks: new JwksCache(),
      lambdaCache: new AuthorizerCache(),
      throttler: new Throttler(),
      identify: opts.identify,
    };
  }

  claim(apiId: string): ApiHandle | undefined {
    const location = this.opts.store.findApi(apiId);
    if (!location || location.record.api.ProtocolType !== 'HTTP') return undefined;
    const { record } = location;
    return {
      hasStage: (name) => record.stages.has(name),
      executeApiDisabled: record.api.DisableExecuteApiEndpoint === true,
      serve: (req) => serveHttpApi(this.deps, location, req),
    };
  }

  /** ResetAuthorizersCache: forgets one stage's cached Lambda authorizer answers. */
  resetAuthorizersCache(apiId: string, stageName: string) {
    this.deps.lambdaCache.clearPrefix(authorizerCacheScope(apiId, stageName));
  }

  /** Forgets caches and throttling state (POST /_localgate/reset). */
  reset() {
    this.deps.jwks.clear();
    this.deps.lambdaCache.clear();
    this.deps.throttler.clear();
  }
}
