// The checksums S3 computes over object data: the MD5 behind ETags and Content-MD5, and
// the additional checksums (x-amz-checksum-crc32 / crc32c / sha1 / sha256), each fed
// chunk by chunk so a large body is hashed while it streams to disk.
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'];

/** An incremental digest; `digest()` is the raw bytes (S3 sends them base64-encoded). */
export interface Digest {
  update(chunk: Buffer): void;
  digest(): Buffer;
}

class HashDigest implements Digest {
  private hash: Hash;
  constructor(algorithm: string) {
    this.hash = createHash(algorithm);
  }
  update(chunk: Buffer) {
    this.hash.update(chunk);
  }
  digest() {
    return this.hash.digest();
  }
}

class Crc32Digest implements Digest {
  private value = 0;
  update(chunk: Buffer) {
    this.value = crc32(chunk, this.value);
  }
  digest() {
    return uint32(this.value);
  }
}

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): node has no built-in one.
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

class Crc32cDigest implements Digest {
  private value = 0xffffffff;
  update(chunk: Buffer) {
    let c = this.value;
    for (let i = 0; i < chunk.length; i++) c = CRC32C_TABLE[(c ^ chunk[i]) & 0xff] ^ (c >>> 8);
    this.value = c >>> 0;
  }
  digest() {
    return uint32((this.value ^ 0xffffffff) >>> 0);
  }
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

export function createDigest(algorithm: ChecksumAlgorithm | 'MD5'): Digest {
  switch (algorithm) {
    case 'CRC32':
      return new Crc32Digest();
    case 'CRC32C':
      return new Crc32cDigest();
    case 'SHA1':
      return new HashDigest('sha1');
    case 'SHA256':
      return new HashDigest('sha256');
    case 'MD5':
      return new HashDigest('md5');
  }
}

/** The digest of a whole buffer, base64-encoded as S3's headers carry it. */
export function checksumOf(algorithm: ChecksumAlgorithm | 'MD5', data: Buffer): string {
  const digest = createDigest(algorithm);
  digest.update(data);
  return digest.digest().toString('base64');
}

/** The byte length of each algorithm's digest: a header value of another length is malformed. */
export const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, SHA1: 20, SHA256: 32 };
