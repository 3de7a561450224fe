// S3: what the rest of localgate imports from this service.
export { createS3Service, type S3Provider, type S3Service } from './provider.ts';
export { parseS3Url, S3ObjectReader, type S3ObjectRef } from './read.ts';
