// The IAM service of one localgate: its store and the provider the engine calls. Roles, users,
// groups, access keys and policies are stored and returned as IAM does; localgate does not enforce them.
import type * as T from '../../models/iam.types.ts';
import { composeProvider } from '../../protocol/compose.ts';
import { GroupsProvider } from './groups.ts';
import { InstanceProfilesProvider } from './instance-profiles.ts';
import { PoliciesProvider } from './policies.ts';
import { RolesProvider } from './roles.ts';
import { UsersProvider } from './users.ts';
import { IamStore } from './store.ts';

export { IamStore } from './store.ts';

export function createIamService() {
  const store = new IamStore();
  const provider = composeProvider<T.Operations>('iam', [new RolesProvider(store), new UsersProvider(store), new GroupsProvider(store), new PoliciesProvider(store), new InstanceProfilesProvider(store)]);
  return {
    store,
    provider,
    reset() {
      store.reset();
    },
  };
}
