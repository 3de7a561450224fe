// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { parameter } from './parameter.ts';

export const resourceTypes: ResourceType[] = [parameter];
