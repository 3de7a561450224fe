// Turns the local code and files a template names into something localgate can read, as
// `aws cloudformation package` / `sam deploy` do for AWS: code directories are served hot
// from where they are (the `hot-reload` bucket: edits apply on the next invoke), files
// (zips, OpenAPI documents) are uploaded to localgate's S3 or inlined; a layer's directory is
// zipped and uploaded (Lambda reads layers as zips).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Template } from '../cloudformation/transform.ts';
import { zipDirectory } from './zip-directory.ts';

/** Where files go when a template needs them in S3. */
export interface Uploader {
  /** Uploads a local file and returns its S3 location. */
  upload(localPath: string, key?: string): Promise<{ bucket: string; key: string }>;
}

const HOT_RELOAD = 'hot-reload';

/** A copy of the template whose local code and files are replaced by locations localgate reads. */
export async function resolveLocalCode(template: Template, baseDir: string, assetsByKey: Map<string, string>, uploader: Uploader): Promise<Template> {
  const out = structuredClone(template);
  await resolveGlobals(out, baseDir, uploader);
  for (const resource of Object.values<any>(out.Resources ?? {})) {
    const props = resource?.Properties;
    if (!props || typeof props !== 'object') continue;
    switch (resource.Type) {
      case 'AWS::Lambda::Function':
        props.Code = await codeLocation(props.Code, baseDir, assetsByKey, uploader);
        break;
      case 'AWS::Lambda::LayerVersion':
        props.Content = await codeLocation(props.Content, baseDir, assetsByKey, uploader, false);
        break;
      case 'AWS::Serverless::Function':
        if (typeof props.CodeUri === 'string' && isLocal(props.CodeUri)) props.CodeUri = await samCodeUri(localPath(props.CodeUri, baseDir), uploader, true);
        else if (namesNoCode(props, (out as any).Globals?.Function)) props.CodeUri = baseDir;
        break;
      case 'AWS::Serverless::LayerVersion':
        if (typeof props.ContentUri === 'string' && isLocal(props.ContentUri)) props.ContentUri = await samCodeUri(localPath(props.ContentUri, baseDir), uploader, false);
        break;
      case 'AWS::Serverless::Api':
      case 'AWS::Serverless::HttpApi':
        if (typeof props.DefinitionUri === 'string' && isLocal(props.DefinitionUri)) {
          props.DefinitionBody = readDocument(localPath(props.DefinitionUri, baseDir));
          delete props.DefinitionUri;
        }
        break;
      case 'AWS::ApiGateway::RestApi':
      case 'AWS::ApiGatewayV2::Api':
        props.BodyS3Location = inlineBody(props, baseDir, assetsByKey);
        if (props.BodyS3Location === undefined) delete props.BodyS3Location;
        break;
    }
  }
  return out;
}

/** SAM's Globals may name the code and the OpenAPI document every function or API shares. */
async function resolveGlobals(template: Template, baseDir: string, uploader: Uploader): Promise<void> {
  const globals = (template as any).Globals;
  const fn = globals?.Function;
  if (typeof fn?.CodeUri === 'string' && isLocal(fn.CodeUri)) fn.CodeUri = await samCodeUri(localPath(fn.CodeUri, baseDir), uploader, true);
  for (const section of ['Api', 'HttpApi']) {
    const api = globals?.[section];
    if (typeof api?.DefinitionUri === 'string' && isLocal(api.DefinitionUri)) {
      api.DefinitionBody = readDocument(localPath(api.DefinitionUri, baseDir));
      delete api.DefinitionUri;
    }
  }
}

/** A zip function naming no code, here or in Globals: the SAM CLI packages the template's own folder. */
function namesNoCode(props: any, globals: any): boolean {
  const has = (key: string) => props[key] !== undefined || globals?.[key] !== undefined;
  return !has('CodeUri') && !has('InlineCode') && !has('ImageUri') && (props.PackageType ?? globals?.PackageType) !== 'Image';
}

const isLocal = (uri: string) => !/^s3:\/\//.test(uri);

function localPath(path: string, baseDir: string): string {
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  if (!existsSync(full)) throw new Error(`local code ${path} does not exist (resolved to ${full})`);
  return full;
}

/** Lambda's Code / Content: a local path (package style), or an S3 key the deploy source holds locally. */
async function codeLocation(code: any, baseDir: string, assetsByKey: Map<string, string>, uploader: Uploader, hot = true) {
  let path: string | undefined;
  if (typeof code === 'string') path = localPath(code, baseDir);
  else if (code && typeof code.S3Key === 'string' && assetsByKey.has(code.S3Key)) path = assetsByKey.get(code.S3Key)!;
  if (path === undefined) return code;
  if (hot && statSync(path).isDirectory()) return { S3Bucket: HOT_RELOAD, S3Key: path };
  const { bucket, key } = statSync(path).isDirectory() ? await uploadZipped(path, uploader) : await uploader.upload(path, typeof code === 'object' ? code.S3Key : undefined);
  return { S3Bucket: bucket, S3Key: key };
}

/** SAM's CodeUri / ContentUri: an absolute directory (a function's, served hot by the transform) or an uploaded file (a layer's directory zipped first). */
async function samCodeUri(path: string, uploader: Uploader, hot: boolean): Promise<string> {
  if (hot && statSync(path).isDirectory()) return path;
  const { bucket, key } = statSync(path).isDirectory() ? await uploadZipped(path, uploader) : await uploader.upload(path, undefined);
  return `s3://${bucket}/${key}`;
}

/** A layer's content directory, zipped as `sam deploy` and `aws cloudformation package` zip it, then uploaded. */
async function uploadZipped(dir: string, uploader: Uploader): Promise<{ bucket: string; key: string }> {
  const zip = zipDirectory(dir);
  const digest = createHash('sha256').update(zip).digest('hex');
  const staging = mkdtempSync(join(tmpdir(), 'localgate-zip-'));
  const file = join(staging, `${digest}.zip`);
  try {
    writeFileSync(file, zip);
    return await uploader.upload(file, undefined);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** An OpenAPI document named by a local path (or a cdk.out asset key) is inlined as Body. */
function inlineBody(props: any, baseDir: string, assetsByKey: Map<string, string>) {
  const location = props.BodyS3Location;
  let path: string | undefined;
  if (typeof location === 'string' && isLocal(location)) path = localPath(location, baseDir);
  else if (location && typeof location.Key === 'string' && assetsByKey.has(location.Key)) path = assetsByKey.get(location.Key)!;
  if (path === undefined) return location;
  props.Body = readDocument(path);
  return undefined;
}

/** An OpenAPI document, JSON or YAML (YAML is a superset of JSON). */
function readDocument(path: string): unknown {
  return parseYaml(readFileSync(path, 'utf8'));
}
