// SecureString values are kept encrypted (AES-256-GCM under a key each localgate makes for
// itself) and answered as an opaque base64 blob unless WithDecryption is set, as Parameter
// Store answers KMS ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class SecureValues {
  private key: Buffer = randomBytes(32);

  /** The key, so a --state-dir can keep SecureStrings readable after a restart (persist.ts). */
  get keyBytes(): Buffer {
    return this.key;
  }

  set keyBytes(key: Buffer) {
    this.key = key;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(blob: string): string {
    const bytes = Buffer.from(blob, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
