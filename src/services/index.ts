// The AWS services localgate serves on its control plane, each a model plus a provider.
import { loadModel } from '../protocol/model.ts';
import type { ServiceDefinition } from '../protocol/engine.ts';
import { managementApiDefinition } from './apigatewaymanagementapi/definition.ts';

const MB = 1024 * 1024;

interface ServiceProviders {
  apigatewayv2: object;
  apigateway: object;
  lambda: object;
  /** The @connections API (WebSocket connections), at localgate's root path. */
  apigatewaymanagementapi: object;
}

export function serviceDefinitions(providers: ServiceProviders): ServiceDefinition[] {
  return [
    {
      name: 'apigatewayv2',
      model: loadModel('apigatewayv2'),
      provider: providers.apigatewayv2,
      validationErrorCode: 'BadRequestException',
      malformedBodyCode: 'BadRequestException',
      maxBodyBytes: 10 * MB,
      signingNames: ['apigateway', 'execute-api'],
    },
    {
      name: 'apigateway',
      model: loadModel('apigateway'),
      provider: providers.apigateway,
      validationErrorCode: 'BadRequestException',
      malformedBodyCode: 'BadRequestException',
      maxBodyBytes: 10 * MB,
      listAliases: true,
      signingNames: ['apigateway'],
    },
    {
      name: 'lambda',
      model: loadModel('lambda'),
      provider: providers.lambda,
      validationErrorCode: 'ValidationException',
      malformedBodyCode: 'InvalidRequestContentException',
      // A 50 MB zip travels base64-encoded inside JSON.
      maxBodyBytes: 70 * MB,
      blobContentType: 'application/json',
      signingNames: ['lambda'],
    },
    managementApiDefinition(providers.apigatewaymanagementapi),
  ];
}
