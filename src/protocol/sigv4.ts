// Reads who is calling from a SigV4 Authorization header. Signatures are not verified:
// localgate takes the credential scope at its word, as a local emulator should.
import { accountOfAccessKey } from '../state/access-keys.ts';

export interface Caller {
  accessKeyId?: string;
  account: string;
  region: string;
  signingService?: string;
  signed: boolean;
}

/** The account and region a request gets when its credentials do not name them
 * (config's accountId and region; each localgate instance has its own). */
export interface AwsDefaults {
  account: string;
  region: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function callerFromHeaders(
  authorization: string | undefined,
  queryCredential: string | null | undefined,
  defaults: AwsDefaults,
): Caller {
  const text = authorization ?? (queryCredential ? `Credential=${queryCredential}` : '');
  const m = CREDENTIAL.exec(text);
  if (!m) return { account: defaults.account, region: defaults.region, signed: false };
  const [, accessKeyId, , region, signingService] = m;
  return {
    accessKeyId,
    account: /^\d{12}$/.test(accessKeyId) ? accessKeyId : (temporaryKeyAccount(accessKeyId) ?? defaults.account),
    region,
    signingService,
    signed: true,
  };
}

/** Temporary (ASIA...) keys, such as STS AssumeRole hands out, carry their account. */
function temporaryKeyAccount(accessKeyId: string): string | undefined {
  return accessKeyId.startsWith('ASIA') ? accountOfAccessKey(accessKeyId) : undefined;
}
