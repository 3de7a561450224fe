// How Lambda words validation errors where the model's constraints are not the whole story
// (localstack/localstack tests/aws/services/lambda_/test_lambda_api.snapshot.json):
// - an unknown `Runtime` on CreateFunction / UpdateFunctionConfiguration is Lambda's own
//   InvalidParameterValueException ("... or be a valid ARN", configuration.ts), not the
//   engine's ValidationException (test_create_lambda_exceptions, test_update_lambda_exceptions);
// - PublishLayerVersion checks `CompatibleRuntimes` against its own runtime list, worded
//   "Member must satisfy enum value set: [...]" for the whole list, and lists no "Member must
//   not be null" for `CompatibleArchitectures` (test_layer_exceptions,
//   publish_layer_version_exc_invalid_runtime_arch).
import { loadModel } from '../../protocol/model.ts';
import type { ValidationStyle } from '../../protocol/parse.ts';

export const LAMBDA_VALIDATION: ValidationStyle = {
  ownEnums: ['Runtime'],
  omitElementNotNull: ['CompatibleArchitectures'],
  listEnums: { CompatibleRuntimes: () => loadModel('lambda').shapes.Runtime?.enum ?? [] },
};
