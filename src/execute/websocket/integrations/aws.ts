// AWS (Lambda's invoke ARN, arn:aws:apigateway:{region}:lambda:path/...): the rendered
// request is the payload. Unlike a proxy integration, a function error is not a failure of
// the route: its errorMessage is matched against the integration response keys
// (IntegrationResponseSelectionExpression "acts as a pattern match for error messages
// (from Lambda)"), so the error comes back as data.
import { isFailure } from '../../shared/integration.ts';
import { functionErrorMessage, invokeWithEvent } from '../../shared/invoke-function.ts';
import { parseJson } from '../selection.ts';
import { timeoutOf } from './contract.ts';
import { mappedIntegration } from './mapped.ts';

export const aws = mappedIntegration(async (input, payload) => {
  const result = await invokeWithEvent({
    invoker: input.invoker,
    uri: input.integration.IntegrationUri ?? '',
    stageVariables: input.stageVariables,
    event: parseJson(payload) ?? payload,
    timeoutMs: timeoutOf(input.integration),
  });
  if (isFailure(result)) return result;
  const body = result.payload.toString('utf8');
  return { status: 200, body, errorMessage: result.functionError ? functionErrorMessage(result.payload) : undefined };
});
