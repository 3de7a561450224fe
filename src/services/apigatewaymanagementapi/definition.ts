// The apigatewaymanagementapi service for the model-driven engine (the @connections API).
import type { ServiceDefinition } from '../../protocol/engine.ts';
import { loadModel } from '../../protocol/model.ts';

export function managementApiDefinition(provider: object): ServiceDefinition {
  return {
    name: 'apigatewaymanagementapi',
    model: loadModel('apigatewaymanagementapi'),
    provider,
    validationErrorCode: 'BadRequestException',
    malformedBodyCode: 'BadRequestException',
    // Room above the 128 KB Data limit, so an oversize message gets PayloadTooLargeException.
    maxBodyBytes: 1024 * 1024,
    signingNames: ['execute-api'],
  };
}
