import { randomBytes } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of `length` characters from `alphabet` (API Gateway ids are 10 lower-case
 * alphanumerics for APIs, 7 for routes, integrations, stages' deployments, and so on). */
export function randomId(length: number, alphabet = LOWER_ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}
