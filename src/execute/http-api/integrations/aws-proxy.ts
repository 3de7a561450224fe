// AWS_PROXY to Lambda: the request as a payload 1.0 or 2.0 event; the function's result
// mapped to the response (proxy-response.ts). AWS service integrations (an
// IntegrationSubtype such as SQS-SendMessage) would call services localgate does not emulate.
import { GatewayError } from '../../shared/gateway-error.ts';
import { failed, isFailure } from '../../shared/integration.ts';
import { invokeWithEvent } from '../../shared/invoke-function.ts';
import { mapResponseV1, mapResponseV2 } from '../../shared/proxy-response.ts';
import { authorizerForEvent } from '../authorize.ts';
import { eventV1, eventV2 } from '../events.ts';
import type { HttpIntegration } from './contract.ts';
import { mappedRequest } from './request-mappings.ts';

export const awsProxy: HttpIntegration = {
  async invoke(input) {
    const integration = input.compiled.integration;
    if (integration.IntegrationSubtype) return failed('misconfigured', `AWS service integration ${integration.IntegrationSubtype} is not supported by localgate`);
    const version = integration.PayloadFormatVersion === '1.0' ? '1.0' : '2.0';
    const event = input.auth ? { ...input.event, authorizer: authorizerForEvent(input.auth, version) } : input.event;
    const req = mappedRequest(input);
    const lambdaEvent = version === '2.0' ? eventV2(req, event) : eventV1(req, event);
    const result = await invokeWithEvent({
      invoker: input.invoker,
      uri: integration.IntegrationUri ?? '',
      stageVariables: input.event.stageVariables,
      event: lambdaEvent,
      timeoutMs: input.compiled.timeoutMs,
    });
    if (isFailure(result)) return result;
    if (result.functionError) return failed('function-error', `${result.target.functionArn} failed (${result.functionError})`);
    try {
      return version === '2.0' ? mapResponseV2(result.payload) : mapResponseV1(result.payload);
    } catch (err) {
      if (err instanceof GatewayError) return failed('bad-response', `${result.target.functionArn} answered a malformed payload ${version} response`);
      throw err;
    }
  },
};
