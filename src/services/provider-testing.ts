// What the providers' unit tests share: the request context of a signed call and the check
// that a call fails with a given AWS error.
import assert from 'node:assert/strict';
import type { RequestContext } from '../protocol/engine.ts';
import { AwsError } from '../protocol/errors.ts';

/** The context of a call signed by the account's own credentials. */
export function requestContext(account = '111111111111', region = 'eu-west-1'): RequestContext {
  return { account, region, requestId: 'r', baseUrl: 'http://x', caller: { account, region, signed: true } } as RequestContext;
}

/** Asserts that `fn` throws (or rejects with) the AWS error `code`, with exactly `message` when one is given. */
export async function fails(fn: () => unknown, code: string, message?: string) {
  await assert.rejects(async () => fn(), (err: unknown) => {
    assert.ok(err instanceof AwsError, String(err));
    assert.equal(err.code, code);
    if (message !== undefined) assert.equal(err.message, message);
    return true;
  });
}
