// A CloudFormation ResourceContext over a running localgate's providers, for testing
// resource types without the engine.
import { randomUUID } from 'node:crypto';
import type { Localgate } from '../src/app.ts';
import type { ResourceContext } from '../src/cloudformation/resource.ts';

export function resourceContext(app: Localgate, logicalId: string, stackName = 'test-stack', resourceType?: string): ResourceContext {
  const account = '000000000000';
  const region = 'us-east-1';
  return {
    request: { caller: { account, region, signed: false }, account, region, requestId: randomUUID(), baseUrl: app.url },
    services: app.providers,
    stackName,
    stackId: `arn:aws:cloudformation:${region}:${account}:stack/${stackName}/${randomUUID()}`,
    logicalId,
    resourceType,
    generateName(maxLength = 255) {
      const random = Array.from({ length: 12 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(Math.random() * 36)]).join('');
      return `${`${stackName}-${logicalId}`.slice(0, Math.max(0, maxLength - 13))}-${random}`;
    },
  };
}
