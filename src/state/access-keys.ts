// Access key ids that carry their account, as AWS's own do: after the four-letter prefix,
// 16 base32 characters whose first 48 bits hold the account id shifted left by 7 (the
// layout STS GetAccessKeyInfo reads back). localgate issues temporary keys (ASIA...) this
// way, so calls signed with them land in the account of the role that was assumed.
import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const KEY = /^(AKIA|ASIA)([A-Z2-7]{16})$/;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new access key id for `account` with the given prefix ("ASIA" for temporary keys). */
export function accessKeyFor(account: string, prefix: 'AKIA' | 'ASIA'): string {
  const bytes = randomBytes(10);
  // 48 bits: a zero top bit, the account in the next 40 (it is below 2^40), 7 random bits.
  const packed = BigInt(account) * 128n + BigInt(bytes[5] & 0x7f);
  for (let i = 0; i < 6; i++) bytes[i] = Number((packed >> BigInt(8 * (5 - i))) & 0xffn);
  return prefix + base32(bytes);
}

/** The account an AKIA/ASIA access key id encodes, as 12 digits; undefined for other shapes. */
export function accountOfAccessKey(accessKeyId: string): string | undefined {
  const m = KEY.exec(accessKeyId);
  if (!m) return undefined;
  const bytes = unbase32(m[2]);
  let packed = 0n;
  for (let i = 0; i < 6; i++) packed = (packed << 8n) | BigInt(bytes[i]);
  const account = (packed & 0x7fffffffff80n) >> 7n;
  return account < 1_000_000_000_000n ? account.toString().padStart(12, '0') : undefined;
}
