// AWS integration to Lambda's invoke action: the mapped body is the payload; a function
// error is not a failure but data, its errorMessage selecting the integration response.
// Other services are called by path URI (aws-service.ts).
import { isFailure } from '../../shared/integration.ts';
import { functionErrorMessage, invokeFunction } from '../../shared/invoke-function.ts';
import { publishStep } from '../../shared/observe.ts';
import { callAwsService } from './aws-service.ts';
import { mappedRequest, timeoutOf, type RestIntegration } from './contract.ts';

const LAMBDA_ACTION = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:/;

export const aws: RestIntegration = {
  async invoke(input) {
    const { integration, inv } = input;
    const request = mappedRequest(input);
    if (!LAMBDA_ACTION.test(integration.uri ?? '')) {
      const endpoint = await callAwsService(input, request);
      return isFailure(endpoint) ? endpoint : { endpoint, request };
    }
    const result = await invokeFunction({
      invoker: input.invoker,
      uri: integration.uri ?? '',
      stageVariables: inv.stageVariables,
      payload: request.body.length ? request.body : Buffer.from('{}'),
      timeoutMs: timeoutOf(integration),
    });
    if (isFailure(result)) return result;
    publishStep('functionResponse', result.payload);
    const selector = result.functionError ? functionErrorMessage(result.payload) : '';
    return { endpoint: { status: 200, selector, headers: new Map([['content-type', ['application/json']]]), body: result.payload }, request };
  },
};
