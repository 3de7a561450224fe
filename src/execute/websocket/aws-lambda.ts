// A Lambda function behind an AWS (non-proxy) integration. Unlike a proxy integration, a
// function error is not a failure of the route: API Gateway matches the error's
// `errorMessage` against the integration response keys (IntegrationResponseSelectionExpression
// "acts as a pattern match for error messages (from Lambda)"), so the error comes back as
// data. Faults of the invoke itself and timeouts still fail the route.
import type { RequestTrace } from '../../console/trace.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError, gatewayErrors } from '../shared/gateway-error.ts';
import type { LambdaTarget } from '../shared/invoke-function.ts';

interface MappedLambdaResult {
  payload: Buffer;
  /** The function's errorMessage when it failed ('' when its error carried none). */
  errorMessage?: string;
}

export async function invokeMapped(invoker: LambdaInvoker, target: LambdaTarget, payload: unknown, timeoutMs: number, trace?: RequestTrace): Promise<MappedLambdaResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const invoked = invoker.invoke({
      account: target.account,
      region: target.region,
      functionName: target.functionArn,
      qualifier: target.qualifier,
      payload: Buffer.from(JSON.stringify(payload)),
      invocationType: 'RequestResponse',
      trace,
    });
    invoked.catch(() => undefined); // a late failure after a timeout is not unhandled
    const result = await Promise.race([invoked, timeout]);
    if (result === 'timeout') throw gatewayErrors.unavailable();
    if (!result.functionError) return { payload: result.payload };
    return { payload: result.payload, errorMessage: errorMessageOf(result.payload) };
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw gatewayErrors.internal();
  } finally {
    clearTimeout(timer);
  }
}

function errorMessageOf(payload: Buffer): string {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorMessage?: unknown };
    return typeof parsed?.errorMessage === 'string' ? parsed.errorMessage : '';
  } catch {
    return '';
  }
}
