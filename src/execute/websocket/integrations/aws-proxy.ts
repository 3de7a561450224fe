// AWS_PROXY: the Lambda proxy event in; a { statusCode, headers, body, isBase64Encoded }
// object, or anything else as the body, out.
import { failed, isFailure } from '../../shared/integration.ts';
import { invokeWithEvent } from '../../shared/invoke-function.ts';
import { parseJson } from '../selection.ts';
import { timeoutOf, type WebSocketIntegration } from './contract.ts';

export const awsProxy: WebSocketIntegration = {
  async invoke(input) {
    const result = await invokeWithEvent({
      invoker: input.invoker,
      uri: input.integration.IntegrationUri ?? '',
      stageVariables: input.stageVariables,
      event: input.proxyEvent(),
      timeoutMs: timeoutOf(input.integration),
    });
    if (isFailure(result)) return result;
    if (result.functionError) return failed('function-error', `${result.target.functionArn} failed (${result.functionError})`);
    const text = result.payload.toString('utf8');
    const parsed = parseJson(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { status: 200, headers: {}, body: text === '' || text === 'null' ? undefined : text };
    }
    const r = parsed as Record<string, unknown>;
    const headers: Record<string, string> = {};
    if (r.headers && typeof r.headers === 'object') {
      for (const [name, value] of Object.entries(r.headers)) if (value !== null && value !== undefined) headers[name] = String(value);
    }
    let body: string | undefined = text;
    if ('body' in r) {
      if (r.body === undefined || r.body === null) body = undefined;
      else if (typeof r.body === 'string') body = r.isBase64Encoded === true ? Buffer.from(r.body, 'base64').toString('utf8') : r.body;
      else body = JSON.stringify(r.body);
    }
    const status = typeof r.statusCode === 'number' ? r.statusCode : typeof r.statusCode === 'string' && /^\d{3}$/.test(r.statusCode) ? Number(r.statusCode) : 200;
    return { status, headers, body };
  },
};
