/**
 * The one error renderTemplate throws. API Gateway answers a mapping template that fails to
 * evaluate (bad syntax, a Java exception in a method call, an override set twice) with a 5XX:
 * callers map this to their "500 Internal server error" gateway response.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
