// AWS::CDK::Metadata: the CDK's usage record. Nothing to create; the resource is stored so
// CDK templates deploy.
import { randomUUID } from 'node:crypto';
import type { ResourceType } from '../../resource.ts';

export const cdkMetadata: ResourceType = {
  type: 'AWS::CDK::Metadata',
  replaceOn: [],
  async create() {
    return { physicalId: randomUUID(), attributes: {} };
  },
  async update(_physicalId, _oldProps, _newProps, _ctx, previous) {
    return previous;
  },
  async delete() {},
};
