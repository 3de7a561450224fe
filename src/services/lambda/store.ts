// Lambda's state: functions with their $LATEST, published versions, aliases, resource
// policy, tags and reserved concurrency, scoped by account and region. Deployment
// packages are unpacked under one temp directory per localgate, removed on shutdown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AccountRegionStore } from '../../state/store.ts';
import type { AliasConfiguration, FunctionConfiguration, FunctionUrlConfig } from '../../models/lambda.types.ts';
import { extractZip } from './zip.ts';

export interface CodeRef {
  sha256: string;
  size: number;
  /** LAMBDA_TASK_ROOT: the unpacked zip, or the hot-reload directory itself. */
  dir: string;
  /** The original zip, served at Code.Location (absent for hot reload). */
  zipPath?: string;
  hotReload: boolean;
  /** Names the zip in its Code.Location URL. */
  token: string;
}

export interface VersionRecord {
  config: FunctionConfiguration;
  code: CodeRef;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: unknown;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface LambdaFunction {
  name: string;
  /** Unqualified ARN. */
  arn: string;
  latest: VersionRecord;
  versions: Map<string, VersionRecord>;
  nextVersion: number;
  aliases: Map<string, AliasConfiguration>;
  /** Resource policy statements per qualifier ("" for the unqualified function). */
  policies: Map<string, { statements: PolicyStatement[]; revisionId: string }>;
  tags: Record<string, string>;
  reserved?: number;
  /** Invocations running now, across versions (reserved concurrency counts them all). */
  inflight: number;
  /** Function URLs by qualifier ("" for the unqualified function). */
  urls: Map<string, FunctionUrlRecord>;
}

export interface FunctionUrlRecord {
  /** The url-id in <url-id>.lambda-url.<region>... */
  id: string;
  config: FunctionUrlConfig;
}

/** Where a url-id leads (the function is looked up again on each request). */
export interface FunctionUrlTarget {
  account: string;
  region: string;
  functionName: string;
  qualifier: string;
}

export class LambdaState {
  functions = new Map<string, LambdaFunction>();
}

export class LambdaStore {
  readonly scopes = new AccountRegionStore(() => new LambdaState());
  private codeRoot = mkdtempSync(join(tmpdir(), 'localgate-code-'));
  private zipsByToken = new Map<string, string>();
  /** Function URLs of every account and region by url-id (the host names no account). */
  readonly urlIds = new Map<string, FunctionUrlTarget>();

  scope(account: string, region: string): LambdaState {
    return this.scopes.get(account, region);
  }

  /** Unpacks a zip into a fresh directory (throws InvalidParameterValueException). */
  unpack(zip: Buffer): CodeRef {
    const token = randomBytes(16).toString('hex');
    const code = extractZip(zip, join(this.codeRoot, token));
    this.zipsByToken.set(token, code.zipPath);
    return { sha256: code.sha256, size: code.size, dir: code.dir, zipPath: code.zipPath, hotReload: false, token };
  }

  zipPath(token: string): string | undefined {
    return this.zipsByToken.get(token);
  }

  reset() {
    this.scopes.clear();
    this.urlIds.clear();
  }

  shutdown() {
    rmSync(this.codeRoot, { recursive: true, force: true });
  }
}
