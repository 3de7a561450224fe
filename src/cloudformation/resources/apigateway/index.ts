// The CloudFormation resource types of this service, each in its own file beside this one.
import type { ResourceType } from '../../resource.ts';
import { deployment } from './deployment.ts';
import { method } from './method.ts';
import { resource } from './resource.ts';
import { restApi } from './rest-api.ts';
import { stage } from './stage.ts';

export const resourceTypes: ResourceType[] = [restApi, resource, method, deployment, stage];
