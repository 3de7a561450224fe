// How Lambda words validation errors where the model's constraints are not the whole story:
// an unknown `Runtime` on CreateFunction / UpdateFunctionConfiguration is Lambda's own
// InvalidParameterValueException ("... or be a valid ARN", configuration.ts), not the
// engine's ValidationException (test_lambda_api.snapshot.json, test_create_lambda_exceptions,
// test_update_lambda_exceptions).
import type { ValidationStyle } from '../../protocol/parse.ts';

export const LAMBDA_VALIDATION: ValidationStyle = { ownEnums: ['Runtime'] };
