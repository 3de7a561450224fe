// AWS_PROXY: the v1 proxy event in, { statusCode, headers, multiValueHeaders, body,
// isBase64Encoded } out. A function error or a malformed result fails the integration.
import { GatewayError } from '../../shared/gateway-error.ts';
import { failed, isFailure } from '../../shared/integration.ts';
import { invokeWithEvent } from '../../shared/invoke-function.ts';
import { mapResponseV1 } from '../../shared/proxy-response.ts';
import { proxyEvent } from '../invocation.ts';
import { isBinaryType, mediaType } from '../request.ts';
import { timeoutOf, type RestIntegration } from './contract.ts';

export const awsProxy: RestIntegration = {
  async invoke({ invoker, integration, inv }) {
    // Lambda's Invoke is a POST: AWS fails any other integration method as a configuration
    // error (test_apigateway_lambda.snapshot.json#test_lambda_aws_proxy_integration_non_post_method).
    if (integration.httpMethod !== 'POST') return failed('misconfigured', `AWS_PROXY integrations call Lambda with POST, not ${integration.httpMethod ?? 'no method'}`);
    const result = await invokeWithEvent({
      invoker,
      uri: integration.uri ?? '',
      stageVariables: inv.stageVariables,
      event: proxyEvent(inv),
      timeoutMs: timeoutOf(integration),
    });
    if (isFailure(result)) return result;
    if (result.functionError) return failed('function-error', `${result.target.functionArn} failed (${result.functionError})`);
    let mapped;
    try {
      mapped = mapResponseV1(result.payload, { rest: true });
    } catch (e) {
      if (e instanceof GatewayError) return failed('bad-response', `${result.target.functionArn} answered a malformed proxy response`);
      throw e;
    }
    let body = mapped.body;
    const parsed = JSON.parse(result.payload.toString('utf8')) as { isBase64Encoded?: unknown; body?: unknown };
    if (parsed.isBase64Encoded === true) {
      // A base64 body goes out as binary only when the client accepts a binary media type.
      const accept = mediaType(inv.req.headers.get('accept')?.at(-1)?.split(',')[0]);
      if (!isBinaryType(accept, inv.snapshot.api.binaryMediaTypes)) body = Buffer.from(String(parsed.body ?? ''), 'utf8');
    }
    const headers = mapped.headers;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    return { response: { status: mapped.status, headers, body } };
  },
};
