// STS: who is calling, and temporary credentials. Keys handed out carry their account
// (src/state/access-keys.ts), so calls signed with them land in the role's account; the
// identity behind each key is remembered so GetCallerIdentity can name it.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/sts.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { accessKeyFor, accountOfAccessKey } from '../../state/access-keys.ts';
import type { IamStore } from '../iam/store.ts';

/** Who is behind an access key, as GetCallerIdentity names it. */
export interface CallerIdentity {
  UserId: string;
  Account: string;
  Arn: string;
}

/** The principal behind an access key (undefined: unsigned) of a request in `account`. */
export type IdentifyCaller = (accessKeyId: string | undefined, account: string) => CallerIdentity;

/** How many issued keys are remembered; the oldest are forgotten first. */
const MAX_SESSIONS = 10_000;

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]+)$/;

export class StsProvider {
  private sessions = new Map<string, CallerIdentity>();

  constructor(private readonly iam: IamStore) {}

  reset() {
    this.sessions.clear();
  }

  private identity(ctx: RequestContext): CallerIdentity {
    return this.callerIdentity(ctx.caller.accessKeyId, ctx.account);
  }

  /** An issued session's identity, an IAM user's for one of its keys, else the account's root
   * (also what API Gateway and function URLs tell a function of an AWS_IAM caller). */
  readonly callerIdentity: IdentifyCaller = (key, account) => {
    const session = key ? this.sessions.get(key) : undefined;
    if (session) return session;
    const found = key ? this.iam.findAccessKeyUser(key) : undefined;
    if (found) return { UserId: found.user.UserId, Account: found.account, Arn: found.user.Arn };
    // Other long-term credentials are the account's root user.
    return { UserId: account, Account: account, Arn: `arn:aws:iam::${account}:root` };
  };

  private issue(account: string, durationSeconds: number, identity: CallerIdentity): T.Credentials {
    const accessKeyId = accessKeyFor(account, 'ASIA');
    this.sessions.set(accessKeyId, identity);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return {
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: randomBytes(192).toString('base64'),
      Expiration: new Date(Math.floor(Date.now() / 1000) * 1000 + durationSeconds * 1000),
    };
  }

  /** The role an ARN names, checked against IAM (`denial` is the message when it is not there). */
  private assume(roleArn: string, sessionName: string, durationSeconds: number | undefined, denial: string) {
    const m = ROLE_ARN.exec(roleArn);
    const role = m ? this.iam.findRole(m[1], m[2]) : undefined;
    if (!m || !role || role.Arn !== roleArn) {
      throw new AwsError('AccessDenied', denial, 403);
    }
    const duration = durationSeconds ?? 3600;
    if (duration > role.MaxSessionDuration) {
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
    }
    const account = m[1];
    const user: T.AssumedRoleUser = {
      AssumedRoleId: `${role.RoleId}:${sessionName}`,
      Arn: `arn:aws:sts::${account}:assumed-role/${role.RoleName}/${sessionName}`,
    };
    const credentials = this.issue(account, duration, { UserId: user.AssumedRoleId, Account: account, Arn: user.Arn });
    return { user, credentials };
  }

  getCallerIdentity(_input: T.GetCallerIdentityRequest, ctx: RequestContext): T.GetCallerIdentityResponse {
    const { UserId, Account, Arn } = this.identity(ctx);
    return { UserId, Account, Arn };
  }

  assumeRole(input: T.AssumeRoleRequest, ctx: RequestContext): T.AssumeRoleResponse {
    const denial = `User: ${this.identity(ctx).Arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`;
    const { user, credentials } = this.assume(input.RoleArn, input.RoleSessionName, input.DurationSeconds, denial);
    const out: T.AssumeRoleResponse = { Credentials: credentials, AssumedRoleUser: user };
    if (input.SourceIdentity !== undefined) out.SourceIdentity = input.SourceIdentity;
    return out;
  }

  assumeRoleWithWebIdentity(input: T.AssumeRoleWithWebIdentityRequest, _ctx: RequestContext): T.AssumeRoleWithWebIdentityResponse {
    const claims = jwtClaims(input.WebIdentityToken);
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
      throw new AwsError('ExpiredTokenException', 'Token expired: current date/time is past the token expiry.', 400);
    }
    const denial = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
    const { user, credentials } = this.assume(input.RoleArn, input.RoleSessionName, input.DurationSeconds, denial);
    const audience = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    const out: T.AssumeRoleWithWebIdentityResponse = { Credentials: credentials, AssumedRoleUser: user };
    if (typeof claims.sub === 'string') out.SubjectFromWebIdentityToken = claims.sub;
    if (typeof audience === 'string') out.Audience = audience;
    const provider = input.ProviderId ?? claims.iss;
    if (typeof provider === 'string') out.Provider = provider;
    return out;
  }

  getSessionToken(input: T.GetSessionTokenRequest, ctx: RequestContext): T.GetSessionTokenResponse {
    const duration = input.DurationSeconds ?? 43200;
    return { Credentials: this.issue(ctx.account, duration, this.identity(ctx)) };
  }

  getAccessKeyInfo(input: T.GetAccessKeyInfoRequest, _ctx: RequestContext): T.GetAccessKeyInfoResponse {
    const account = /^\d{12}$/.test(input.AccessKeyId) ? input.AccessKeyId : accountOfAccessKey(input.AccessKeyId);
    if (!account) throw new AwsError('ValidationError', `Invalid access key ID: ${input.AccessKeyId}`, 400);
    return { Account: account };
  }
}

/** The claims of a JWT, unverified (localgate trusts the identity provider's token). */
function jwtClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  let claims: unknown;
  try {
    if (parts.length !== 3) throw new Error('not a JWT');
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    claims = undefined;
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new AwsError('InvalidIdentityToken', 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)', 400);
  }
  return claims as Record<string, unknown>;
}
