// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { bucket } from './bucket.ts';
import { bucketPolicy } from './bucket-policy.ts';

export const resourceTypes: ResourceType[] = [bucket, bucketPolicy];
