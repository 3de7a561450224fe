// AWS::Include: `Fn::Transform: { Name: AWS::Include, Parameters: { Location } }` anywhere in
// a template is replaced by the snippet at Location (as a value), or merged into the object
// that holds it (as a key beside others). Top-level `Transform: { Name: AWS::Include }` merges
// the snippet into the template. Locations are local files (absolute, relative to the
// server's working directory, or file://); s3:// needs localgate's S3 store.
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validationError } from '../errors.ts';
import { parseTemplate } from '../template.ts';
import type { Template } from '../transform.ts';

export const INCLUDE = 'AWS::Include';

export function expandIncludes(template: Template): Template {
  return expand(template, 0) as Template;
}

function expand(node: unknown, depth: number): unknown {
  if (depth > 64) throw validationError('Transform AWS::Include failed: snippets include each other too deeply');
  if (Array.isArray(node)) return node.map((item) => expand(item, depth));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  let out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key !== 'Fn::Transform') { out[key] = expand(value, depth); continue; }
    const snippet = expand(includedSnippet(value), depth + 1);
    if (Object.keys(obj).length === 1) return snippet;
    if (snippet === null || typeof snippet !== 'object' || Array.isArray(snippet)) {
      throw validationError('Transform AWS::Include failed: a snippet merged beside other keys must be an object');
    }
    out = { ...out, ...(snippet as Record<string, unknown>) };
  }
  return out;
}

function includedSnippet(spec: unknown): unknown {
  const { Name, Parameters } = (spec ?? {}) as { Name?: unknown; Parameters?: { Location?: unknown } };
  if (Name !== INCLUDE) throw validationError(`Template format error: Fn::Transform names an unknown transform ${String(Name)}; localgate supports ${INCLUDE}`);
  return readSnippet(Parameters?.Location);
}

/** Reads and parses the snippet at an AWS::Include Location. */
export function readSnippet(location: unknown): unknown {
  if (typeof location !== 'string' || !location) throw validationError('Transform AWS::Include failed: the Location parameter is required');
  if (location.startsWith('s3://')) {
    throw validationError(`Transform AWS::Include failed: ${location} is an S3 location and localgate has no S3 store yet; use a local file path`);
  }
  const path = location.startsWith('file://') ? fileURLToPath(location) : resolvePath(location);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw validationError(`Transform AWS::Include failed: cannot read ${location}`);
  }
  return parseTemplate(text);
}
