// Opt-in (--lambda-check-roles): Lambda's CreateFunction and UpdateFunctionConfiguration
// refuse an execution role IAM does not hold, with Lambda's own error. Off by default:
// scripts written for other local emulators often name roles they never created.
import { AwsError } from '../../protocol/errors.ts';
import type { IamStore } from './store.ts';

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]+)$/;

export function checkRole(iam: IamStore, roleArn: string | undefined): void {
  if (roleArn === undefined) return;
  const m = ROLE_ARN.exec(roleArn);
  const role = m && iam.findRole(m[1], m[2]);
  if (!role || role.Arn !== roleArn) {
    throw new AwsError('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.', 400);
  }
}

type Operation = (input: { Role?: string }, ...rest: unknown[]) => unknown;

/** The Lambda provider with the role check in front of the operations that take a role. */
export function withRoleCheck<P extends object>(provider: P, iam: IamStore): P {
  const out: Record<string, unknown> = { ...(provider as Record<string, unknown>) };
  for (const name of ['createFunction', 'updateFunctionConfiguration']) {
    const inner = (provider as Record<string, unknown>)[name] as Operation | undefined;
    if (!inner) continue;
    out[name] = (input: { Role?: string }, ...rest: unknown[]) => {
      checkRole(iam, input.Role);
      return inner.call(provider, input, ...rest);
    };
  }
  return out as P;
}
