/**
 * API Gateway's mapping-template engine (Velocity + $input, $util, $context, $stageVariables).
 *
 *   const { output, requestOverride, responseOverride } = renderTemplate(template, {
 *     body, params: { path, querystring, header }, context, stageVariables,
 *   });
 *
 * Throws only TemplateError (syntax error, failing method call, bad JSONPath, an override set
 * twice, a runaway template); answer it with a 500 Internal server error.
 * `context` must be plain data (it is cloned); Lambda-authorizer values belong in
 * `context.authorizer` already stringified, as AWS documents.
 */
export { renderTemplate, type TemplateResult, type TemplateVariables } from './render.ts';
export { TemplateError } from './errors.ts';
export type { RequestOverride, ResponseOverride } from './context.ts';
export type { RequestParams } from './input.ts';
export { compileTemplate, type CompiledTemplate } from './render.ts';
export type { TemplateReads } from './reads.ts';
