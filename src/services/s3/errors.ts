// S3's errors, with the codes, statuses, messages and extra elements S3 answers with
// (recorded on AWS). Extra elements go into the XML error body beside Code and Message.
import { AwsError } from '../../protocol/errors.ts';

const err = (code: string, message: string, status: number, fields: Record<string, unknown> = {}) => new AwsError(code, message, status, fields);

export const noSuchBucket = (bucket: string) => err('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const noSuchKey = (key: string) => err('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
export const noSuchVersion = (key: string, versionId: string) =>
  err('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId });
export const invalidVersionId = (versionId: string) =>
  err('InvalidArgument', 'Invalid version id specified', 400, { ArgumentName: 'versionId', ArgumentValue: versionId });
export const bucketAlreadyOwnedByYou = (bucket: string) =>
  err('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: bucket });
export const bucketAlreadyExists = (bucket: string) =>
  err(
    'BucketAlreadyExists',
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    409,
    { BucketName: bucket },
  );
export const bucketNotEmpty = (bucket: string, versioned: boolean) =>
  err('BucketNotEmpty', versioned ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' : 'The bucket you tried to delete is not empty', 409, {
    BucketName: bucket,
  });
export const invalidBucketName = (bucket: string) => err('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
export const malformedXml = () => err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
export const invalidArgument = (message: string, name?: string, value?: string) =>
  err('InvalidArgument', message, 400, name === undefined ? {} : value === undefined ? { ArgumentName: name } : { ArgumentName: name, ArgumentValue: value });
export const invalidRequest = (message: string) => err('InvalidRequest', message, 400);
export const methodNotAllowedOnDeleteMarker = (method: string) =>
  err('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: 'DeleteMarker' });

export const invalidRange = (range: string, size: number) =>
  err('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: range, ActualObjectSize: String(size) });
export const preconditionFailed = (condition: string) =>
  err('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });

export const badDigest = (expected: string, calculated: string) =>
  err('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, { ExpectedDigest: expected, CalculatedDigest: calculated });
export const invalidDigest = (value: string) => err('InvalidDigest', 'The Content-MD5 you specified was not valid.', 400, { 'Content-MD5': value });
export const badChecksum = (algorithm: string) => err('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);
export const invalidChecksumHeader = (header: string) => err('InvalidRequest', `Value for ${header} header is invalid.`, 400);

export const noSuchUpload = (uploadId: string) =>
  err('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, {
    UploadId: uploadId,
  });
export const invalidPart = (uploadId: string, partNumber: number, etag: string) =>
  err(
    'InvalidPart',
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    400,
    { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag },
  );
export const invalidPartOrder = (uploadId: string) =>
  err('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.', 400, { UploadId: uploadId });
export const entityTooSmall = (proposedSize: number, partNumber: number, etag: string) =>
  err('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
    ProposedSize: String(proposedSize),
    MinSizeAllowed: '5242880',
    PartNumber: String(partNumber),
    ETag: etag,
  });
export const entityTooLarge = (proposedSize: number, maxSize: number) =>
  err('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize: String(proposedSize), MaxSizeAllowed: String(maxSize) });

export const noSuchBucketPolicy = (bucket: string) => err('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket });
export const malformedPolicy = (message: string) => err('MalformedPolicy', message, 400);
export const noPublicAccessBlock = (bucket: string) =>
  err('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, { BucketName: bucket });
export const noLifecycleConfiguration = (bucket: string) =>
  err('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, { BucketName: bucket });
export const noSuchTagSet = (bucket: string) => err('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket });
export const invalidTag = (message: string, fields: Record<string, string>) => err('InvalidTag', message, 400, fields);
