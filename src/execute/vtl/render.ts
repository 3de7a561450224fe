/**
 * renderTemplate: evaluates an API Gateway mapping template (REST API integration request
 * and response templates, WebSocket templates). Pure: no I/O, no shared state between calls
 * beyond a cache of compiled templates. compileTemplate parses once and tells what the
 * template reads of the request (reads.ts); plans keep the result.
 *
 * Errors: anything that goes wrong while parsing or evaluating — bad syntax, a Java exception
 * in a method call, an invalid JSONPath, an override set twice — is thrown as TemplateError
 * (never anything else); callers answer it as API Gateway does, with a 500 Internal server error.
 */
import velocity from 'velocityjs';
import { buildContext, type RequestOverride, type ResponseOverride } from './context.ts';
import { ApiGatewayVelocity } from './engine.ts';
import { TemplateError } from './errors.ts';
import { InputVariable, type RequestParams } from './input.ts';
import { javaMethodHandler } from './java-methods.ts';
import { readsNothing, templateReads, type TemplateReads } from './reads.ts';
import { UtilVariable } from './util.ts';

export interface TemplateVariables {
  /** Raw payload: the method request body (request templates) or integration response body. */
  body: string;
  /** Method request parameters, for `$input.params()`. */
  params: RequestParams;
  /** `$context.*` as plain data (requestId, stage, identity, authorizer values as strings, ...). */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

export interface TemplateResult {
  output: string;
  /** What the template set in `$context.requestOverride.*` (request templates); absent if nothing. */
  requestOverride?: RequestOverride;
  /** What the template set in `$context.responseOverride.*` (response templates); absent if nothing. */
  responseOverride?: ResponseOverride;
}

type Asts = ReturnType<typeof velocity.parse>;

/**
 * A template parsed once, with what it reads of the request (reads.ts). One that reads
 * nothing was rendered when compiled: `render` hands back that result (or throws that
 * error) without evaluating anything.
 */
export interface CompiledTemplate {
  readonly source: string;
  readonly reads: TemplateReads;
  render(vars: TemplateVariables): TemplateResult;
}

/** Variables for rendering a template that reads nothing of the request. */
const NO_REQUEST: TemplateVariables = {
  body: '',
  params: { path: {}, querystring: {}, header: {} },
  context: {},
  stageVariables: {},
};

// Velocity 1.7's #set token includes the spaces and tabs before it (`(" "|"\t")* "#set"`), so
// an indented #set line leaves no indentation behind; velocityjs keeps it, so drop it first.
const SET_LEADING_SPACE = /[ \t]+(?=#\{?set[ ]*\()/g;

/** Parses a template (throws TemplateError for bad syntax). */
export function compileTemplate(source: string): CompiledTemplate {
  let asts: Asts;
  let reads: TemplateReads;
  try {
    asts = velocity.parse(source.replace(SET_LEADING_SPACE, ''));
    reads = templateReads(asts);
  } catch (e) {
    throw asTemplateError(e);
  }
  const evaluate = (vars: TemplateVariables) => evaluateTemplate(asts, vars);
  if (!readsNothing(reads)) return { source, reads, render: evaluate };
  let fixed: { result: TemplateResult } | { error: TemplateError };
  try {
    fixed = { result: evaluate(NO_REQUEST) };
  } catch (e) {
    fixed = { error: e as TemplateError };
  }
  return {
    source,
    reads,
    render() {
      if ('error' in fixed) throw fixed.error;
      return { ...fixed.result };
    },
  };
}

function evaluateTemplate(asts: Asts, vars: TemplateVariables): TemplateResult {
  try {
    const ctx = buildContext(vars.context);
    const engine = new ApiGatewayVelocity(asts, { customMethodHandlers: [javaMethodHandler] });
    const output = engine.render(
      {
        input: new InputVariable(vars.body, vars),
        context: ctx.context,
        stageVariables: { ...vars.stageVariables },
        util: new UtilVariable(),
      },
      undefined,
      true, // a reference to nothing prints nothing, as in API Gateway
    );
    return { output, ...ctx.overrides() };
  } catch (e) {
    throw asTemplateError(e);
  }
}

function asTemplateError(e: unknown): TemplateError {
  if (e instanceof TemplateError) return e;
  return new TemplateError(`Template evaluation failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** Templates compiled by renderTemplate, by text (plans hold their own CompiledTemplate). */
const compiled = new Map<string, CompiledTemplate>();
const MAX_CACHED = 500;

function compileCached(template: string): CompiledTemplate {
  let entry = compiled.get(template);
  if (!entry) {
    entry = compileTemplate(template);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(template, entry);
  }
  return entry;
}

export function renderTemplate(template: string, vars: TemplateVariables): TemplateResult {
  return compileCached(template).render(vars);
}
