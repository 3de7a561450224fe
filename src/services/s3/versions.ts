// Object versions within a bucket: how a write or a delete changes a key's version list
// under each versioning state, and how a request's VersionId finds a version.
import { invalidVersionId, methodNotAllowedOnDeleteMarker, noSuchKey, noSuchVersion } from './errors.ts';
import { newVersionId, type Bucket, type ObjectVersion, type S3Store } from './store.ts';

/** The version id a new write gets: a fresh id when versioning is enabled, else "null". */
export const nextVersionId = (bucket: Bucket) => (bucket.versioning === 'Enabled' ? newVersionId() : 'null');

/** Adds `version` as the newest; a "null" version it supersedes is removed (its data released). */
export function addVersion(store: S3Store, bucket: Bucket, version: ObjectVersion) {
  const versions = bucket.objects.get(version.key) ?? [];
  const kept = version.versionId === 'null' ? versions.filter((v) => v.versionId !== 'null' || (store.releaseVersion(v), false)) : versions;
  bucket.objects.set(version.key, [version, ...kept]);
}

/** Removes one version (its data released); the key goes when no version is left. */
export function removeVersion(store: S3Store, bucket: Bucket, key: string, versionId: string): ObjectVersion | undefined {
  const versions = bucket.objects.get(key);
  const found = versions?.find((v) => v.versionId === versionId);
  if (!versions || !found) return undefined;
  store.releaseVersion(found);
  const rest = versions.filter((v) => v !== found);
  if (rest.length) bucket.objects.set(key, rest);
  else bucket.objects.delete(key);
  return found;
}

/** Whether an id could be one S3 issued: "null" or the 32-character form. */
const wellFormed = (versionId: string) => versionId === 'null' || /^[A-Za-z0-9._-]{32}$/.test(versionId);

/**
 * The version a read names (or the current one). A missing key, or a current delete
 * marker, is NoSuchKey; naming a delete marker is 405, as S3 answers.
 */
export function readableVersion(bucket: Bucket, key: string, versionId: string | undefined, method: string): ObjectVersion {
  const versions = bucket.objects.get(key) ?? [];
  if (versionId === undefined) {
    const current = versions[0];
    if (!current || current.deleteMarker) throw noSuchKey(key);
    return current;
  }
  if (!wellFormed(versionId) || (bucket.versioning === undefined && versionId !== 'null')) throw invalidVersionId(versionId);
  const found = versions.find((v) => v.versionId === versionId);
  if (!found) throw noSuchVersion(key, versionId);
  if (found.deleteMarker) throw methodNotAllowedOnDeleteMarker(method);
  return found;
}

/** Validates a VersionId given to a delete (S3 rejects malformed ids and ids in a never-versioned bucket). */
export function checkDeleteVersionId(bucket: Bucket, versionId: string) {
  if (!wellFormed(versionId) || (bucket.versioning === undefined && versionId !== 'null')) throw invalidVersionId(versionId);
}
