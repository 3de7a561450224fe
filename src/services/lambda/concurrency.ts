// Concurrency: a function's reserved concurrency (Put/Get/DeleteFunctionConcurrency) and the
// account's settings and usage (GetAccountSettings), with Lambda's account limits.
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/lambda.types.ts';
import { checkRegion, notFound } from './arn.ts';
import type { LocalLambdaInvoker } from './invoke.ts';
import type { LambdaFunction, LambdaStore } from './store.ts';

const ACCOUNT_CONCURRENCY = 1000;
/** Lambda keeps this much account concurrency unreserved. */
const MIN_UNRESERVED = 100;

export class ConcurrencyProvider {
  constructor(
    private readonly store: LambdaStore,
    private readonly invoker: LocalLambdaInvoker,
  ) {}

  private lookup(ctx: RequestContext, name: string) {
    checkRegion(name, ctx.region);
    return this.invoker.lookup(ctx.account, ctx.region, name);
  }

  private find(ctx: RequestContext, name: string) {
    checkRegion(name, ctx.region);
    return this.invoker.find(ctx.account, ctx.region, name);
  }

  private reservedTotal(ctx: RequestContext, except?: LambdaFunction): number {
    let total = 0;
    for (const f of this.store.scope(ctx.account, ctx.region).functions.values()) if (f !== except) total += f.reserved ?? 0;
    return total;
  }

  putFunctionConcurrency(input: T.PutFunctionConcurrencyRequest, ctx: RequestContext): T.Concurrency {
    const { fn, qualifier, arn } = this.find(ctx, input.FunctionName);
    if (qualifier !== undefined) {
      throw lambdaErrors.invalidParameterValue(
        'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
      );
    }
    if (!fn) throw notFound(`${arn}:$LATEST`);
    if (ACCOUNT_CONCURRENCY - this.reservedTotal(ctx, fn) - input.ReservedConcurrentExecutions < MIN_UNRESERVED) {
      // Recorded without a `Type` (test_lambda_api.snapshot.json, test_function_concurrency_limits).
      throw lambdaErrors.invalidParameterValue(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
        { Type: undefined },
      );
    }
    fn.reserved = input.ReservedConcurrentExecutions;
    return { ReservedConcurrentExecutions: fn.reserved };
  }

  getFunctionConcurrency(input: T.GetFunctionConcurrencyRequest, ctx: RequestContext): T.GetFunctionConcurrencyResponse {
    const { fn } = this.lookup(ctx, input.FunctionName);
    return fn.reserved === undefined ? {} : { ReservedConcurrentExecutions: fn.reserved };
  }

  deleteFunctionConcurrency(input: T.DeleteFunctionConcurrencyRequest, ctx: RequestContext): void {
    delete this.lookup(ctx, input.FunctionName).fn.reserved;
  }

  getAccountSettings(_input: object, ctx: RequestContext): T.GetAccountSettingsResponse {
    const fns = [...this.store.scope(ctx.account, ctx.region).functions.values()];
    const layers = [...this.store.scope(ctx.account, ctx.region).layers.values()];
    // Every stored package counts: each function version's code and each layer version's.
    const totalCodeSize =
      fns.reduce((sum, f) => sum + f.latest.code.size + [...f.versions.values()].reduce((s, v) => s + v.code.size, 0), 0) +
      layers.reduce((sum, l) => sum + [...l.versions.values()].reduce((s, v) => s + v.code.size, 0), 0);
    return {
      AccountLimit: {
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: ACCOUNT_CONCURRENCY,
        UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - this.reservedTotal(ctx),
      },
      AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: fns.length },
    };
  }
}
