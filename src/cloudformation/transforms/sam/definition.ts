// DefinitionBody / DefinitionUri of an Api or HttpApi: an inline body, a local OpenAPI file
// (an absolute path, read here), or an S3 location left for the API resource to import.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { invalidResource } from './errors.ts';
import { parseS3Uri } from './code.ts';
import { clone, isPlainObject } from './values.ts';

export type Definition = { body: Record<string, any>; given: boolean } | { s3: Record<string, unknown> };

/** The API's definition; `given` is false when SAM builds the body from events. */
export function readDefinition(logicalId: string, props: Record<string, any>, emptyBody: () => Record<string, any>): Definition {
  // SAM treats an empty DefinitionBody as none.
  if (props.DefinitionBody !== undefined && !(isPlainObject(props.DefinitionBody) && Object.keys(props.DefinitionBody).length === 0)) {
    if (!isPlainObject(props.DefinitionBody)) throw invalidResource(logicalId, "Property 'DefinitionBody' should be a map.");
    return { body: withPaths(logicalId, clone(props.DefinitionBody)), given: true };
  }
  const uri = props.DefinitionUri;
  if (uri === undefined) return { body: emptyBody(), given: false };
  if (typeof uri === 'string' && isAbsolute(uri) && !uri.startsWith('s3://')) {
    let text: string;
    try {
      text = readFileSync(uri, 'utf8');
    } catch {
      throw invalidResource(logicalId, `'DefinitionUri' file not found: ${uri}.`);
    }
    let body: unknown;
    try {
      body = parseYaml(text);
    } catch (e) {
      throw invalidResource(logicalId, `'DefinitionUri' file ${uri} is not valid JSON or YAML: ${(e as Error).message}`);
    }
    if (!isPlainObject(body)) throw invalidResource(logicalId, `'DefinitionUri' file ${uri} is not an OpenAPI document.`);
    return { body: withPaths(logicalId, body), given: true };
  }
  if (typeof uri === 'string') {
    const s3 = parseS3Uri(uri);
    if (!s3) throw invalidResource(logicalId, "'DefinitionUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.");
    return { s3: { Bucket: s3.S3Bucket, Key: s3.S3Key, ...(s3.S3ObjectVersion ? { Version: s3.S3ObjectVersion } : {}) } };
  }
  if (isPlainObject(uri) && uri.Bucket !== undefined && uri.Key !== undefined) return { s3: { ...uri } };
  throw invalidResource(logicalId, "'DefinitionUri' requires Bucket and Key properties to be specified.");
}

function withPaths(logicalId: string, body: Record<string, any>): Record<string, any> {
  body.paths ??= {};
  if (!isPlainObject(body.paths)) throw invalidResource(logicalId, "The 'paths' of the OpenAPI definition should be a map.");
  for (const [path, item] of Object.entries(body.paths)) {
    if (!isPlainObject(item)) throw invalidResource(logicalId, `Value of '${path}' path must be a dictionary according to Swagger spec.`);
  }
  return body;
}
