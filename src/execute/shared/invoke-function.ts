// Every Lambda call the data plane makes (integrations of every kind, authorizers) goes
// through invokeFunction(). The URI names the function as a function ARN, a qualified
// (version or alias) ARN, or API Gateway's
// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`; stage
// variables in it are substituted first. The answer is the function's result (a function
// error included: whether that fails the request is the caller's to say) or a neutral
// failure: the URI names no function, Lambda could not run it, or it outlasted the timeout.
import { AwsError } from '../../protocol/errors.ts';
import type { BuiltEvent, InvokeResult, LambdaInvoker } from '../../services/lambda/invoker.ts';
import { failed, isFailure, type IntegrationFailure } from './integration.ts';
import { publishStep } from './observe.ts';

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

/** Parsed URIs by their text: a deployment's few URIs are parsed once, not per request
 * (bounded: stage variables may make many). Targets are shared: never change one. */
const parsedUris = new Map<string, LambdaTarget | undefined>();
const MAX_PARSED_URIS = 1000;

export function parseLambdaUri(uri: string): LambdaTarget | undefined {
  if (parsedUris.has(uri)) return parsedUris.get(uri);
  if (parsedUris.size >= MAX_PARSED_URIS) parsedUris.clear();
  const target = parseUri(uri);
  parsedUris.set(uri, target);
  return target;
}

function parseUri(uri: string): LambdaTarget | undefined {
  const wrapped = APIGATEWAY_PATH.exec(uri);
  let arn = uri;
  if (wrapped) {
    try {
      arn = decodeURIComponent(wrapped[1]);
    } catch {
      return undefined;
    }
  }
  const m = FUNCTION_ARN.exec(arn);
  if (!m) return undefined;
  const [, region, account, name, qualifier] = m;
  return { region, account, functionArn: `arn:aws:lambda:${region}:${account}:function:${name}`, qualifier };
}

export interface FunctionCall {
  invoker: LambdaInvoker;
  /** The integration's or authorizer's URI, stage variables not yet substituted. */
  uri: string;
  stageVariables?: Record<string, string>;
  /** Bytes (a mapped template's output, checked by Lambda) or an event built here. */
  payload: Buffer | BuiltEvent;
  /** Without one, the function's own Timeout is the only limit. */
  timeoutMs?: number;
}

export interface FunctionResult extends InvokeResult {
  target: LambdaTarget;
}

export async function invokeFunction(call: FunctionCall): Promise<FunctionResult | IntegrationFailure> {
  const target = parseLambdaUri(substituteStageVariables(call.uri, call.stageVariables));
  if (!target) return failed('misconfigured', `${call.uri || 'The URI'} names no Lambda function`);
  const limit = call.timeoutMs;
  try {
    const invoked = call.invoker.invoke({
      account: target.account,
      region: target.region,
      functionName: target.functionArn,
      qualifier: target.qualifier,
      payload: call.payload,
      invocationType: 'RequestResponse',
    });
    const result = limit === undefined ? await invoked : await withTimeout(invoked, limit);
    if (result === 'timeout') return failed('timeout', `${target.functionArn} outlasted the integration timeout of ${limit} ms`);
    const { statusCode, payload, functionError, executedVersion, logResult } = result;
    return { statusCode, payload, functionError, executedVersion, logResult, target };
  } catch (err) {
    if (err instanceof AwsError && err.code === 'TooManyRequestsException') return failed('throttled', `Lambda throttled ${target.functionArn}: ${err.message}`);
    return failed('invoke-failed', `Lambda could not invoke ${target.functionArn}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `invoked`'s outcome, or 'timeout' after `ms` (a late failure is then not unhandled).
 * One promise and one timer: this runs on every integration call. */
function withTimeout<T>(invoked: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    invoked.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A Lambda integration's call: `event` goes as the payload and is published as the
 * request's event, the function's answer as its functionResponse. */
export async function invokeWithEvent(call: Omit<FunctionCall, 'payload'> & { event: unknown }): Promise<FunctionResult | IntegrationFailure> {
  publishStep('event', call.event);
  const result = await invokeFunction({ invoker: call.invoker, uri: call.uri, stageVariables: call.stageVariables, payload: { event: call.event }, timeoutMs: call.timeoutMs });
  if (!isFailure(result)) publishStep('functionResponse', result.payload);
  return result;
}

/** A failed function's errorMessage ('' when its error carries none). */
export function functionErrorMessage(payload: Buffer): string {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorMessage?: unknown };
    return typeof parsed?.errorMessage === 'string' ? parsed.errorMessage : '';
  } catch {
    return '';
  }
}
