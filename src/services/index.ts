// The AWS services localgate serves on its control plane, each a model plus a provider.
import { loadModel } from '../protocol/model.ts';
import type { ServiceDefinition } from '../protocol/engine.ts';
import { managementApiDefinition } from './apigatewaymanagementapi/definition.ts';
import { APIGATEWAY_VALIDATION } from './apigateway/validation-style.ts';
import { LAMBDA_VALIDATION } from './lambda/validation-style.ts';

const MB = 1024 * 1024;

interface ServiceProviders {
  apigatewayv2: object;
  apigateway: object;
  lambda: object;
  /** The @connections API (WebSocket connections), at localgate's root path. */
  apigatewaymanagementapi: object;
  cloudformation: object;
  iam: object;
  sts: object;
  ssm: object;
  logs: object;
  s3: object;
  ecr: object;
}

/** S3's response documents whose root element the model does not name. */
const S3_ROOT_ELEMENTS: Record<string, string> = {
  ListBuckets: 'ListAllMyBucketsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  ListObjectVersions: 'ListVersionsResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  ListParts: 'ListPartsResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  DeleteObjects: 'DeleteResult',
  GetBucketLocation: 'LocationConstraint',
  GetBucketVersioning: 'VersioningConfiguration',
  GetBucketTagging: 'Tagging',
  GetObjectTagging: 'Tagging',
  GetBucketLifecycleConfiguration: 'LifecycleConfiguration',
  GetBucketAcl: 'AccessControlPolicy',
  GetObjectAcl: 'AccessControlPolicy',
  GetBucketCors: 'CORSConfiguration',
  GetBucketWebsite: 'WebsiteConfiguration',
  GetBucketLogging: 'BucketLoggingStatus',
  GetBucketNotificationConfiguration: 'NotificationConfiguration',
  GetBucketAccelerateConfiguration: 'AccelerateConfiguration',
  GetBucketRequestPayment: 'RequestPaymentConfiguration',
};

/** A query-protocol service (form in, XML out); validation faults are ValidationError. */
function queryService(name: string, provider: object): ServiceDefinition {
  return {
    name,
    protocol: 'query',
    model: loadModel(name),
    provider,
    validationErrorCode: 'ValidationError',
    malformedBodyCode: 'ValidationError',
    // CloudFormation's TemplateBody may be 51,200 bytes, percent-encoded up to three times that.
    maxBodyBytes: 1 * MB,
    signingNames: [name],
  };
}

/** A json-protocol service (X-Amz-Target); malformed JSON is a SerializationException. */
function jsonService(name: string, provider: object, validationErrorCode: string): ServiceDefinition {
  return {
    name,
    protocol: 'json',
    model: loadModel(name),
    provider,
    validationErrorCode,
    malformedBodyCode: 'SerializationException',
    maxBodyBytes: 2 * MB,
    signingNames: [name],
  };
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
      validationErrorCode: 'ValidationException',
      validationStyle: APIGATEWAY_VALIDATION,
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
      validationStyle: LAMBDA_VALIDATION,
      malformedBodyCode: 'InvalidRequestContentException',
      // A 50 MB zip travels base64-encoded inside JSON; Lambda's own limit on a request
      // (test_lambda_api.snapshot.json, TestLambdaSizeLimits::test_oversized_request_create_lambda).
      maxBodyBytes: 70_167_211,
      blobContentType: 'application/json',
      signingNames: ['lambda'],
    },
    managementApiDefinition(providers.apigatewaymanagementapi),
    queryService('cloudformation', providers.cloudformation),
    queryService('iam', providers.iam),
    queryService('sts', providers.sts),
    jsonService('ssm', providers.ssm, 'ValidationException'),
    jsonService('logs', providers.logs, 'InvalidParameterException'),
    jsonService('ecr', providers.ecr, 'InvalidParameterException'),
    {
      name: 's3',
      protocol: 'rest-xml',
      model: loadModel('s3'),
      provider: providers.s3,
      validationErrorCode: 'InvalidArgument',
      malformedBodyCode: 'MalformedXML',
      // Object bodies stream and are not bound by this; it caps XML documents (DeleteObjects).
      maxBodyBytes: 10 * MB,
      blobContentType: 'binary/octet-stream',
      signingNames: ['s3'],
      xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
      xmlRootNames: S3_ROOT_ELEMENTS,
    },
  ];
}
