// The S3 service for one localgate: its store, the provider the rest-xml engine calls
// (one method per operation, assembled from the per-area classes) and the object reader
// other parts use.
import type { Operations } from '../../models/s3.types.ts';
import { composeProvider } from '../../protocol/compose.ts';
import { BucketConfigOperations } from './bucket-config.ts';
import { BucketOperations } from './buckets.ts';
import { ListOperations } from './list-operations.ts';
import { MultipartOperations } from './multipart.ts';
import { ObjectSubresourceOperations } from './object-subresources.ts';
import { ObjectOperations } from './objects.ts';
import { S3ObjectReader } from './read.ts';
import { S3Store } from './store.ts';

/** A class's public methods (its private fields left out, so the parts intersect). */
type Methods<C> = { [K in keyof C]: C[K] };
export type S3Provider = Methods<BucketOperations> & Methods<BucketConfigOperations> & Methods<ObjectOperations> & Methods<ListOperations> & Methods<MultipartOperations> & Methods<ObjectSubresourceOperations>;

export function createS3Service() {
  const store = new S3Store();
  // Typed against the model's contract: every operation takes and returns the generated shapes.
  const provider = composeProvider<Operations>('s3', [
    new BucketOperations(store),
    new BucketConfigOperations(store),
    new ObjectOperations(store),
    new ListOperations(store),
    new MultipartOperations(store),
    new ObjectSubresourceOperations(store),
  ]) as S3Provider & Partial<Operations>;
  return {
    store,
    provider,
    reader: new S3ObjectReader(store),
    reset: () => store.reset(),
    shutdown: () => store.shutdown(),
  };
}

export type S3Service = ReturnType<typeof createS3Service>;
