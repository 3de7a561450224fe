// A function record for the unit tests of this folder: a real LambdaFunction as the store
// keeps it, built without unpacking any code.
import { newConfiguration } from './configuration.ts';
import type { LambdaFunction } from './store.ts';

export const TEST_ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export function testFunction(name = 'fn'): LambdaFunction {
  const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  const code = { sha256: 'c2hh', size: 10, dir: '/nonexistent', hotReload: false, token: 't' };
  const config = newConfiguration(
    { FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: {} },
    arn,
    code,
    { strict: false, warn: () => {} },
  );
  return { name, arn, latest: { config, code }, versions: new Map(), nextVersion: 1, aliases: new Map(), policies: new Map(), tags: {}, inflight: 0, urls: new Map() };
}
