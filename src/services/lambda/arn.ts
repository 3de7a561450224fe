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
