// The AWS::Serverless-2016-10-31 transform (AWS SAM): SAM resources in, plain CloudFormation
// out, with the logical ids SAM generates, so a template's Outputs resolve as on AWS.
//
// Contract with the CloudFormation engine:
// - `serverlessTransform` throws `SamTransformError` for a template SAM refuses: an AwsError
//   ValidationError reading "Transform AWS::Serverless-2016-10-31 failed with: Invalid
//   Serverless Application Specification document. Number of errors found: N. Resource with
//   id [X] is invalid. ..." (CloudFormation's status reason for the failed change set);
//   `samMessage` holds SAM's part alone.
// - What deploys differently from AWS (event sources for services localgate does not serve,
//   policy templates it does not expand, custom domains) is listed, one line each, in the
//   output template's `Metadata["localgate:warnings"]`; the engine prints and removes it.
//   `expandServerless` returns the same as `{template, warnings}`.
// - SAM types localgate does not serve (Application, SimpleTable, StateMachine, ...) are an
//   error naming each resource; `unsupportedServerlessResources(template)` lists their
//   logical ids, so the engine's skip-unsupported option can drop them before transforming.
// - CodeUri / ContentUri / DefinitionUri may be absolute local paths (the deploy command
//   resolves relative ones against the template's folder): code runs in place through
//   Lambda's hot-reload bucket, definitions are read from disk.
import type { Transform } from '../../transform.ts';
import { expandServerless } from './expand.ts';

export { SamTransformError } from './errors.ts';
export { SAM_TRANSFORM, expandServerless, unsupportedServerlessResources } from './expand.ts';

export const WARNINGS_METADATA_KEY = 'localgate:warnings';

export const serverlessTransform: Transform = async (template, ctx) => {
  const { template: out, warnings } = expandServerless(template, ctx);
  if (warnings.length) out.Metadata = { ...(out.Metadata ?? {}), [WARNINGS_METADATA_KEY]: warnings };
  return out;
};
