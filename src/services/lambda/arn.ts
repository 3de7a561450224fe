// Function names as Lambda accepts them: "name", "name:qualifier", a partial ARN
// "123456789012:function:name[:qualifier]" or a full ARN.
import { AwsError } from '../../protocol/errors.ts';
import { lambdaErrors } from '../../models/lambda.errors.ts';

interface FunctionRef {
  name: string;
  qualifier?: string;
  account?: string;
  region?: string;
}

const FULL = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_.]+)(?::([a-zA-Z0-9-_$.]+))?$/;
const PARTIAL = /^(\d{12}):function:([a-zA-Z0-9-_.]+)(?::([a-zA-Z0-9-_$.]+))?$/;
const NAME = /^([a-zA-Z0-9-_.]+)(?::([a-zA-Z0-9-_$.]+))?$/;

export function parseFunctionRef(text: string, qualifier?: string): FunctionRef {
  let ref: FunctionRef;
  let m: RegExpExecArray | null;
  if ((m = FULL.exec(text))) ref = { region: m[1], account: m[2], name: m[3], qualifier: m[4] };
  else if ((m = PARTIAL.exec(text))) ref = { account: m[1], name: m[2], qualifier: m[3] };
  else if ((m = NAME.exec(text))) ref = { name: m[1], qualifier: m[2] };
  else throw lambdaErrors.invalidParameterValue(`Invalid function name: ${text}`);
  if (qualifier !== undefined) {
    if (ref.qualifier !== undefined && ref.qualifier !== qualifier) {
      throw lambdaErrors.invalidParameterValue('The derived qualifier from the function name does not match the specified qualifier.');
    }
    ref.qualifier = qualifier;
  }
  return ref;
}

export function functionArn(region: string, account: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${account}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

export function notFound(arn: string): AwsError {
  return lambdaErrors.resourceNotFound(`Function not found: ${arn}`);
}

/** The control plane answers for its own region only: a full ARN of another region is refused
 * (the data plane, e.g. an API Gateway integration, may call across regions). */
export function checkRegion(name: string, region: string) {
  const other = FULL.exec(name)?.[1];
  if (other !== undefined && other !== region) {
    throw lambdaErrors.resourceNotFound(`Functions from '${other}' are not reachable in this region ('${region}')`);
  }
}

/** What CreateFunction refuses in the name of a new function, as recorded on AWS
 * (test_lambda_api.snapshot.json, TestLambdaFunction::test_function_arns): a name over 64
 * characters, a region or an account other than the caller's. */
export function checkNewFunctionName(text: string, ref: FunctionRef, region: string, account: string) {
  if (ref.name.length > 64) {
    throw lambdaErrors.invalidParameterValue(
      `1 validation error detected: Value '${text}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  }
  checkRegion(text, region);
  // AWS answers this one with a null Message and no Type (function_arn_other_account_exc:
  // botocore reads Message None), so the usual `message` member is left out.
  if (ref.account !== undefined && ref.account !== account) throw new AwsError('AccessDeniedException', '', 403, { message: undefined, Message: null });
}
