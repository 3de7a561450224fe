// Calling a Lambda function for a proxy integration (and for Lambda authorizers). The
// integration URI names the function as a function ARN, a qualified (version or alias) ARN,
// or API Gateway's `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`;
// stage variables in it are substituted first. A function that fails, cannot be invoked or
// outlasts the integration timeout is reported as a GatewayError for the caller to render.
import type { RequestTrace } from '../../console/trace.ts';
import type { LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError, gatewayErrors } from './gateway-error.ts';

export interface LambdaTarget {
  region: string;
  account: string;
  /** The unqualified function ARN. */
  functionArn: string;
  qualifier?: string;
}

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/;
const APIGATEWAY_PATH = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+?)\/invocations$/;

/** Replaces ${stageVariables.name} with the stage's value (empty when unset). */
export function substituteStageVariables(text: string, vars: Record<string, string> | undefined): string {
  if (!text.includes('${stageVariables.')) return text;
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => vars?.[name] ?? '');
}

export function parseLambdaUri(uri: string): LambdaTarget | undefined {
  const wrapped = APIGATEWAY_PATH.exec(uri);
  const arn = wrapped ? decodeURIComponent(wrapped[1]) : uri;
  const m = FUNCTION_ARN.exec(arn);
  if (!m) return undefined;
  const [, region, account, name, qualifier] = m;
  return { region, account, functionArn: `arn:aws:lambda:${region}:${account}:function:${name}`, qualifier };
}

interface LambdaCall {
  invoker: LambdaInvoker;
  target: LambdaTarget;
  payload: unknown;
  timeoutMs: number;
  /** The console's trace of the request, when it records one. */
  trace?: RequestTrace;
}

/** Invokes the function and returns its result payload. A function error or an invoke
 * fault is a 500; running past the integration timeout is a 503, as HTTP APIs answer. */
export async function invokeLambda(call: LambdaCall): Promise<Buffer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), call.timeoutMs);
  });
  try {
    const invoked = call.invoker.invoke({
      account: call.target.account,
      region: call.target.region,
      functionName: call.target.functionArn,
      qualifier: call.target.qualifier,
      payload: Buffer.from(JSON.stringify(call.payload)),
      invocationType: 'RequestResponse',
      trace: call.trace,
    });
    invoked.catch(() => undefined); // a late failure after a timeout is not unhandled
    const result = await Promise.race([invoked, timeout]);
    if (result === 'timeout') throw gatewayErrors.unavailable();
    if (result.functionError) throw gatewayErrors.internal();
    return result.payload;
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw gatewayErrors.internal();
  } finally {
    clearTimeout(timer);
  }
}
