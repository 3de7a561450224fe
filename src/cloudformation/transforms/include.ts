// AWS::Include: `Fn::Transform: { Name: AWS::Include, Parameters: { Location } }` anywhere in
// a template is replaced by the snippet at Location (as a value), or merged into the object
// that holds it (as a key beside others). Top-level `Transform: { Name: AWS::Include }` merges
// the snippet into the template. Locations are s3://bucket/key objects in localgate's S3, or
// local files (absolute, relative to the server's working directory, or file://).
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validationError } from '../errors.ts';
import { parseTemplate } from '../template.ts';
import type { Template } from '../transform.ts';

export const INCLUDE = 'AWS::Include';

/** Reads an S3 object's text (rejects when it cannot be read). */
export type ReadS3Text = (bucket: string, key: string) => Promise<string>;

export async function expandIncludes(template: Template, readS3?: ReadS3Text): Promise<Template> {
  return (await expand(template, 0, readS3)) as Template;
}

async function expand(node: unknown, depth: number, readS3: ReadS3Text | undefined): Promise<unknown> {
  if (depth > 64) throw validationError('Transform AWS::Include failed: snippets include each other too deeply');
  if (Array.isArray(node)) return Promise.all(node.map((item) => expand(item, depth, readS3)));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  let out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key !== 'Fn::Transform') { out[key] = await expand(value, depth, readS3); continue; }
    const snippet = await expand(await includedSnippet(value, readS3), depth + 1, readS3);
    if (Object.keys(obj).length === 1) return snippet;
    if (snippet === null || typeof snippet !== 'object' || Array.isArray(snippet)) {
      throw validationError('Transform AWS::Include failed: a snippet merged beside other keys must be an object');
    }
    out = { ...out, ...(snippet as Record<string, unknown>) };
  }
  return out;
}

function includedSnippet(spec: unknown, readS3: ReadS3Text | undefined): Promise<unknown> {
  const { Name, Parameters } = (spec ?? {}) as { Name?: unknown; Parameters?: { Location?: unknown } };
  if (Name !== INCLUDE) throw validationError(`Template format error: Fn::Transform names an unknown transform ${String(Name)}; localgate supports ${INCLUDE}`);
  return readSnippet(Parameters?.Location, readS3);
}

/** Reads and parses the snippet at an AWS::Include Location. */
export async function readSnippet(location: unknown, readS3?: ReadS3Text): Promise<unknown> {
  if (typeof location !== 'string' || !location) throw validationError('Transform AWS::Include failed: the Location parameter is required');
  const cannotRead = () => validationError(`Transform AWS::Include failed: cannot read ${location}`);
  let text: string;
  if (location.startsWith('s3://')) {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
    if (!m || !readS3) throw cannotRead();
    text = await readS3(m[1], m[2]).catch(() => Promise.reject(cannotRead()));
  } else {
    const path = location.startsWith('file://') ? fileURLToPath(location) : resolvePath(location);
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw cannotRead();
    }
  }
  return parseTemplate(text);
}
