export { renderTemplate, type TemplateResult, type TemplateVariables } from './render.ts';
export { TemplateError } from './errors.ts';
export type { RequestOverride, ResponseOverride } from './context.ts';
export type { RequestParams } from './input.ts';
