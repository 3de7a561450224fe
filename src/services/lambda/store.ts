// Lambda's state: functions with their $LATEST, published versions, aliases, resource
// policy, tags and reserved concurrency, scoped by account and region. Deployment
// packages are unpacked under one temp directory per localgate; code no version refers to
// any more is removed (see collectGarbage), and all of it on shutdown.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { StoreFiles } from '../../state/persist-files.ts';
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
  /** The last version PublishVersion created and the $LATEST RevisionId it was made from. */
  lastPublished?: { version: string; revisionId: string };
  aliases: Map<string, AliasConfiguration>;
  /** Resource policy statements per qualifier ("" for the unqualified function). */
  policies: Map<string, { statements: PolicyStatement[] }>;
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
  /** Removes unreferenced code (a state directory defers removals, see state/persist-files.ts). */
  private files = new StoreFiles();
  private zipsByToken = new Map<string, string>();
  private optDirs = new Map<string, string>();
  /** Function URLs of every account and region by url-id (the host names no account). */
  readonly urlIds = new Map<string, FunctionUrlTarget>();

  scope(account: string, region: string): LambdaState {
    return this.scopes.get(account, region);
  }

  /** Unpacks a zip into a fresh directory (throws InvalidParameterValueException). The
   * caller stores the CodeRef, or calls collectGarbage() when it does not. */
  async unpack(zip: Buffer): Promise<CodeRef> {
    const token = randomBytes(16).toString('hex');
    const code = await extractZip(zip, join(this.codeRoot, token));
    await this.files.sync(code.dir);
    await this.files.sync(code.zipPath);
    this.zipsByToken.set(token, code.zipPath);
    return { sha256: code.sha256, size: code.size, dir: code.dir, zipPath: code.zipPath, hotReload: false, token };
  }

  /** Removes the unpacked code and merged /opt directories that no function version or
   * layer version refers to any more. Those running environments still use are left for
   * a later call (pendingGarbage tells). */
  collectGarbage() {
    const keep = new Set<string>();
    for (const { state } of this.scopes.entries()) {
      for (const fn of state.functions.values()) {
        for (const record of [fn.latest, ...fn.versions.values()]) {
          keep.add(record.code.dir);
          for (const layerDir of record.layerDirs ?? []) keep.add(layerDir);
        }
      }
      for (const layer of state.layers.values()) for (const version of layer.versions.values()) keep.add(version.code.dir);
    }
    const inUse = new Set(this.inUse());
    this.pendingGarbage = false;
    const collect = (dir: string, remove: (path: string) => void) => {
      if (keep.has(dir)) return false;
      if (inUse.has(dir)) {
        this.pendingGarbage = true;
        return false;
      }
      remove(dir);
      return true;
    };
    // /opt directories are rebuilt from the layers whenever needed (and may be rebuilt under
    // the same name at once), so they go now; code waits for the state that drops it.
    for (const [key, dir] of this.optDirs) {
      if (key.split('\0').every((layerDir) => keep.has(layerDir))) continue;
      if (collect(dir, (path) => rmSync(path, { recursive: true, force: true }))) this.optDirs.delete(key);
    }
    for (const [token, zipPath] of this.zipsByToken) {
      if (!collect(zipPath.slice(0, -'.zip'.length), (path) => this.files.remove(path))) continue;
      this.files.remove(zipPath);
      this.zipsByToken.delete(token);
    }
  }

  /** Unreferenced code is left on disk until the environments using it end. */
  pendingGarbage = false;

  /** The code directories running environments use (set by the Lambda service). */
  inUse: () => Iterable<string> = () => [];

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

  /** With a state directory: code lives under `dir` (kept at shutdown), its removals wait
   * for `files`' commit. See persist.ts. */
  keepCodeIn(dir: string, files: StoreFiles) {
    rmSync(this.codeRoot, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    this.codeRoot = dir;
    this.files = files;
  }

  get codeDirectory(): string {
    return this.codeRoot;
  }

  /** Where a zip is served from (restoring saved state, see persist.ts). */
  addZip(token: string, zipPath: string) {
    this.zipsByToken.set(token, zipPath);
  }

  reset() {
    this.scopes.clear();
    this.urlIds.clear();
    this.collectGarbage();
  }

  shutdown() {
    if (!this.files.persistent) rmSync(this.codeRoot, { recursive: true, force: true });
  }
}
