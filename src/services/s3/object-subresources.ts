// An object's tagging and ACL subresources. Buckets enforce bucket-owner object ownership
// (as new S3 buckets do), so ACLs are disabled: an object's ACL reads as the bucket owner's
// FULL_CONTROL, and setting one is refused unless it says just that.
import { AwsError } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/s3.types.ts';
import { requireBucket } from './access.ts';
import { checkTags } from './bucket-config.ts';
import { ownerOf } from './list-operations.ts';
import type { Bucket, ObjectVersion, S3Store } from './store.ts';
import { readableVersion } from './versions.ts';

/** S3's limit on tags per object. */
const MAX_OBJECT_TAGS = 10;

/** The canned ACLs that only restate bucket-owner ownership, accepted while ACLs are disabled. */
const OWNER_ONLY_ACLS = new Set(['private', 'bucket-owner-full-control']);

const aclsDisabled = () => new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400);

/** The version id answers carry: only buckets that have had versioning name it. */
const versionOf = (bucket: Bucket, version: ObjectVersion) => (bucket.versioning !== undefined ? { VersionId: version.versionId } : {});

export class ObjectSubresourceOperations {
  constructor(private readonly store: S3Store) {}

  private target(input: { Bucket: string; Key: string; VersionId?: string; ExpectedBucketOwner?: string }, method: string) {
    const bucket = requireBucket(this.store, input.Bucket, input.ExpectedBucketOwner);
    return { bucket, version: readableVersion(bucket, input.Key, input.VersionId, method) };
  }

  getObjectTagging(input: T.GetObjectTaggingRequest, _ctx: RequestContext): T.GetObjectTaggingOutput {
    const { bucket, version } = this.target(input, 'GET');
    return { TagSet: version.tags, ...versionOf(bucket, version) };
  }

  putObjectTagging(input: T.PutObjectTaggingRequest, _ctx: RequestContext): T.PutObjectTaggingOutput {
    const { bucket, version } = this.target(input, 'PUT');
    const tags = input.Tagging?.TagSet ?? [];
    if (tags.length > MAX_OBJECT_TAGS) throw new AwsError('BadRequest', `Object tags cannot be greater than ${MAX_OBJECT_TAGS}`, 400);
    checkTags(tags, false);
    version.tags = tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    return versionOf(bucket, version);
  }

  deleteObjectTagging(input: T.DeleteObjectTaggingRequest, _ctx: RequestContext): T.DeleteObjectTaggingOutput {
    const { bucket, version } = this.target(input, 'DELETE');
    version.tags = [];
    return versionOf(bucket, version);
  }

  getObjectAcl(input: T.GetObjectAclRequest, _ctx: RequestContext): T.GetObjectAclOutput {
    const { bucket } = this.target(input, 'GET');
    const owner = ownerOf(bucket.account);
    return { Owner: owner, Grants: [{ Grantee: { ID: owner.ID, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }] };
  }

  putObjectAcl(input: T.PutObjectAclRequest, _ctx: RequestContext): T.PutObjectAclOutput {
    this.target(input, 'PUT');
    const grants = [input.GrantFullControl, input.GrantRead, input.GrantReadACP, input.GrantWrite, input.GrantWriteACP].some((g) => g !== undefined);
    if (grants || input.AccessControlPolicy !== undefined || input.ACL === undefined || !OWNER_ONLY_ACLS.has(input.ACL)) throw aclsDisabled();
    return {};
  }
}
