// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { cdkMetadata } from './cdk-metadata.ts';
import { customResource } from './custom-resource.ts';

export const resourceTypes: ResourceType[] = [customResource, cdkMetadata];
