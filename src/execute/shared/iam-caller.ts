// What API Gateway and function URLs tell a function of an AWS_IAM caller: the principal
// behind the request's access key (an IAM user, an assumed role's session, the account's
// root), as STS's GetCallerIdentity names it. Signatures are not verified locally.
import type { IdentifyCaller } from '../../services/sts/provider.ts';

/** requestContext.authorizer.iam of a version 2.0 event (HTTP APIs, function URLs); without
 * `identify` the principal's fields are null. */
export function iamAuthorizerContext(identify: IdentifyCaller | undefined, accessKeyId: string | undefined, account: string): Record<string, string | null> {
  const who = identify?.(accessKeyId, account);
  return {
    accessKey: accessKeyId ?? null,
    accountId: who?.Account ?? account,
    callerId: who?.UserId ?? null,
    cognitoIdentity: null,
    principalOrgId: null,
    userArn: who?.Arn ?? null,
    userId: who?.UserId ?? null,
  };
}
