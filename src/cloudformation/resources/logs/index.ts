// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { logGroup } from './log-group.ts';

export const resourceTypes: ResourceType[] = [logGroup];
