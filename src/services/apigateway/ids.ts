// Identifier shapes API Gateway v1 uses: REST API and API key ids are 10 lower-case
// alphanumerics, the root resource's id too; other resources, deployments, authorizers,
// models, request validators and usage plans have 6.
import { randomBytes } from 'node:crypto';
import { randomId } from '../../state/ids.ts';

export const newRestApiId = () => randomId(10);
export const newRootResourceId = () => randomId(10);
export const newShortId = () => randomId(6);
export const newApiKeyId = () => randomId(10);

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An API key value as API Gateway generates it: 40 alphanumerics. */
export function newApiKeyValue(): string {
  return randomId(40, KEY_ALPHABET);
}

/** A CloudFront-style distribution host for an EDGE custom domain name. */
export function newDistributionDomain(): string {
  return `d${randomBytes(7).toString('hex').slice(0, 13)}.cloudfront.net`;
}
