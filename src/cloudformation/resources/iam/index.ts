// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { accessKey } from './access-key.ts';
import { group } from './group.ts';
import { instanceProfile } from './instance-profile.ts';
import { managedPolicy } from './managed-policy.ts';
import { policy } from './policy.ts';
import { role } from './role.ts';
import { userToGroupAddition } from './user-to-group-addition.ts';
import { user } from './user.ts';

export const resourceTypes: ResourceType[] = [role, policy, managedPolicy, instanceProfile, user, accessKey, group, userToGroupAddition];
