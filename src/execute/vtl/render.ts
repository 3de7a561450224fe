/**
 * renderTemplate: evaluates an API Gateway mapping template (REST API integration request
 * and response templates, WebSocket templates). Pure: no I/O, no shared state between calls
 * beyond a cache of parsed templates.
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
/** A parsed template; `constant` is its output when it holds no reference or directive (plain text). */
interface Parsed {
  asts: Asts;
  constant?: string;
}
const parsed = new Map<string, Parsed>();
const MAX_CACHED = 500;

// Velocity 1.7's #set token includes the spaces and tabs before it (`(" "|"\t")* "#set"`), so
// an indented #set line leaves no indentation behind; velocityjs keeps it, so drop it first.
const SET_LEADING_SPACE = /[ \t]+(?=#\{?set[ ]*\()/g;

function parseCached(template: string): Parsed {
  let entry = parsed.get(template);
  if (!entry) {
    const asts = velocity.parse(template.replace(SET_LEADING_SPACE, ''));
    entry = { asts, constant: asts.every((a) => typeof a === 'string') ? (asts as string[]).join('') : undefined };
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(template, entry);
  }
  return entry;
}

export function renderTemplate(template: string, vars: TemplateVariables): TemplateResult {
  try {
    const entry = parseCached(template);
    // Plain text evaluates to itself and can set no override: no context to build.
    if (entry.constant !== undefined) return { output: entry.constant };
    const ctx = buildContext(vars.context);
    const engine = new ApiGatewayVelocity(entry.asts, { customMethodHandlers: [javaMethodHandler] });
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
    if (e instanceof TemplateError) throw e;
    throw new TemplateError(`Template evaluation failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
