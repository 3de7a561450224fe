// Lambda's state: functions with their $LATEST, published versions, aliases, resource
// policy, tags and reserved concurrency, scoped by account and region. Deployment
// packages are unpacked under one temp directory per localgate, removed on shutdown.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { AccountRegionStore } from '../../state/store.ts';
import type { AliasConfiguration, FunctionConfiguration, FunctionEventInvokeConfig, FunctionUrlConfig, GetLayerVersionResponse } from '../../models/lambda.types.ts';
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
  /** The unpacked layers this version runs with, in order (kept even if a layer version is
   * deleted later: functions that use it keep working, as on Lambda). */
  layerDirs?: string[];
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
  /** Asynchronous invocation settings by qualifier ("$LATEST" for the unqualified function). */
  eventInvokeConfigs?: Map<string, FunctionEventInvokeConfig>;
  recursiveLoop?: 'Allow' | 'Terminate';
  /** Runtime management settings by qualifier. */
  runtimeManagement?: Map<string, { UpdateRuntimeOn: string; RuntimeVersionArn?: string }>;
}

export interface LayerVersionRecord {
  /** What GetLayerVersion answers (Content.Location is added per request). */
  info: GetLayerVersionResponse;
  code: CodeRef;
  policy?: { statements: object[]; revisionId: string };
}

export interface LambdaLayer {
  name: string;
  arn: string;
  versions: Map<number, LayerVersionRecord>;
  /** Layer version numbers are never reused, even after deletion. */
  nextVersion: number;
}

interface FunctionUrlRecord {
  /** The url-id in <url-id>.lambda-url.<region>... */
  id: string;
  config: FunctionUrlConfig;
}

/** Where a url-id leads (the function is looked up again on each request). */
interface FunctionUrlTarget {
  account: string;
  region: string;
  functionName: string;
  qualifier: string;
}

class LambdaState {
  functions = new Map<string, LambdaFunction>();
  layers = new Map<string, LambdaLayer>();
}

export class LambdaStore {
  readonly scopes = new AccountRegionStore(() => new LambdaState());
  private codeRoot = mkdtempSync(join(tmpdir(), 'localgate-code-'));
  private zipsByToken = new Map<string, string>();
  private optDirs = new Map<string, string>();
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

  /** The directory standing in for /opt: the layers merged in order (a later layer's file
   * replaces an earlier one's, as Lambda extracts them). Built once per list of layers. */
  optDir(layerDirs: string[]): string {
    const key = layerDirs.join('\0');
    let dir = this.optDirs.get(key);
    if (dir) return dir;
    dir = join(this.codeRoot, `opt-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`);
    mkdirSync(dir, { recursive: true });
    for (const layer of layerDirs) cpSync(layer, dir, { recursive: true, force: true });
    this.optDirs.set(key, dir);
    return dir;
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
