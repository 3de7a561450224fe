// The Parameter Store service of one localgate: its store, the provider the engine calls,
// and a read function for CloudFormation (AWS::SSM::Parameter::Value<...> parameters and
// {{resolve:ssm:...}} references).
import type * as T from '../../models/ssm.types.ts';
import { composeProvider } from '../../protocol/compose.ts';
import { DescribeProvider } from './describe.ts';
import { parseReference } from './names.ts';
import { ParametersProvider, SsmParameters } from './provider.ts';
import { SecureValues } from './secure.ts';
import { SsmStore } from './store.ts';

export interface ParameterValue {
  Name: string;
  Type: T.ParameterType;
  /** Decrypted for SecureString. */
  Value: string;
  Version: number;
}

export function createSsmService() {
  const store = new SsmStore();
  const secure = new SecureValues();
  const parameters = new SsmParameters(store, secure);
  return {
    store,
    secure,
    provider: composeProvider<T.Operations>('ssm', [new ParametersProvider(parameters), new DescribeProvider(parameters)]),
    /** A parameter by "name", "name:version", "name:label" or ARN; undefined when it does not exist. */
    readParameter(account: string, region: string, reference: string): ParameterValue | undefined {
      const ref = parseReference(reference);
      const found = parameters.select(store.get(account, region), ref);
      if (!found) return undefined;
      return { Name: ref.name, Type: found.version.Type, Value: parameters.value(found.version, true), Version: found.version.Version };
    },
    reset() {
      store.clear();
    },
  };
}

export type SsmService = ReturnType<typeof createSsmService>;
