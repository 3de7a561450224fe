// The CloudFormation service: its store and provider, built from the providers the resource
// types call (API Gateway v1 and v2, Lambda).
import type { ResourceServices } from '../../cloudformation/resource.ts';
import { CloudFormationProvider, type CloudFormationProviderOptions } from './provider.ts';
import { CloudFormationStore } from './store.ts';

export function createCloudFormationService(services: ResourceServices, options: { quiet: boolean } & Pick<CloudFormationProviderOptions, 'readSsm' | 'onOperationDone'>) {
  const store = new CloudFormationStore();
  const warn = options.quiet ? () => {} : (message: string) => console.warn(message);
  const provider = new CloudFormationProvider({ store, services, warn, readSsm: options.readSsm, onOperationDone: options.onOperationDone });
  return {
    store,
    provider,
    reset() {
      store.reset();
    },
    /** Lets running stack operations finish before the services they call go away. */
    async shutdown() {
      await provider.settled();
    },
  };
}
