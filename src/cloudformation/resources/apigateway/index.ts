// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';

export const resourceTypes: ResourceType[] = [];
