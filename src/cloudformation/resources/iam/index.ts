// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { instanceProfile } from './instance-profile.ts';
import { managedPolicy } from './managed-policy.ts';
import { policy } from './policy.ts';
import { role } from './role.ts';

export const resourceTypes: ResourceType[] = [role, policy, managedPolicy, instanceProfile];
