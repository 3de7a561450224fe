// Function and layer code given as S3Bucket/S3Key/S3ObjectVersion is read from
// localgate's own S3. A missing bucket, key or version is reported as Lambda reports it:
// InvalidParameterValueException quoting S3's error code and message.
import { AwsError } from '../../protocol/errors.ts';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { S3ObjectRef } from '../s3/index.ts';

export interface CodeObjectSource {
  read(ref: S3ObjectRef): Buffer;
}

/** Used where no S3 is wired in (unit tests): every bucket is missing. */
export const NO_CODE_OBJECTS: CodeObjectSource = {
  read: (ref) => {
    // S3's own error, as the S3 provider throws it (readS3Code wraps it in Lambda's).
    throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: ref.bucket });
  },
};

export function readS3Code(source: CodeObjectSource, input: { S3Bucket?: string; S3Key?: string; S3ObjectVersion?: string }): Buffer {
  try {
    return source.read({ bucket: input.S3Bucket ?? '', key: input.S3Key ?? '', versionId: input.S3ObjectVersion });
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    throw lambdaErrors.invalidParameterValue(`Error occurred while GetObject. S3 Error Code: ${err.code}. S3 Error Message: ${err.message}`);
  }
}
