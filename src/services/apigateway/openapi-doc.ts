// Reading an OpenAPI 3.0 or Swagger 2.0 definition (JSON or YAML) into the plain pieces the import
// needs: API settings, models, security schemes and one entry per path + verb, each with its
// resource path after the base path rule (ignore | prepend | split) is applied.
import { parse as parseYaml } from 'yaml';
import { badRequest } from '../../protocol/errors.ts';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface OperationEntry {
  path: string;
  /** "GET", ..., "ANY" (x-amazon-apigateway-any-method). */
  verb: string;
  op: Json;
  /** Path-level parameters, merged under the operation's own. */
  pathParameters: Json[];
}

export interface Definition {
  oas3: boolean;
  doc: Json;
  /** Model name -> JSON Schema object (refs still as written). */
  schemas: Record<string, Json>;
  /** Security scheme name -> scheme object. */
  securitySchemes: Record<string, Json>;
  operations: OperationEntry[];
}

const VERBS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  patch: 'PATCH',
  options: 'OPTIONS',
  head: 'HEAD',
  'x-amazon-apigateway-any-method': 'ANY',
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseDefinition(body: Buffer | undefined, basepath: string | undefined): Definition {
  const text = body?.toString('utf8').trim() ?? '';
  if (!text) throw badRequest('Invalid OpenAPI input: the request body is empty');
  let doc: unknown;
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both forms of a definition.
    doc = parseYaml(text);
  } catch (err) {
    throw badRequest(`Invalid OpenAPI input: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isObject(doc)) throw badRequest('Invalid OpenAPI input: the definition must be a JSON object');
  const oas3 = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.');
  if (!oas3 && doc.swagger !== '2.0') throw badRequest('Invalid OpenAPI input: expected "openapi": "3.0.x" or "swagger": "2.0"');
  if (!isObject(doc.paths)) throw badRequest('Invalid OpenAPI input: "paths" is missing');
  const mode = basepath ?? 'ignore';
  if (!['ignore', 'prepend', 'split'].includes(mode)) throw badRequest(`Invalid basepath mode: ${mode}. Valid values are ignore, prepend, split`);
  const prefix = basePrefix(mode, oas3 ? oas3BasePath(doc) : doc.basePath);
  const operations: OperationEntry[] = [];
  for (const [rawPath, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const path = joinPath(prefix, rawPath);
    const pathParameters = Array.isArray(item.parameters) ? item.parameters.filter(isObject) : [];
    for (const [key, op] of Object.entries(item)) {
      const verb = VERBS[key.toLowerCase()];
      if (verb && isObject(op)) operations.push({ path, verb, op, pathParameters });
    }
  }
  return {
    oas3,
    doc,
    schemas: objectOf(oas3 ? doc.components?.schemas : doc.definitions),
    securitySchemes: objectOf(oas3 ? doc.components?.securitySchemes : doc.securityDefinitions),
    operations,
  };
}

function objectOf(v: unknown): Record<string, Json> {
  return isObject(v) ? Object.fromEntries(Object.entries(v).filter(([, s]) => isObject(s))) : {};
}

/** OpenAPI 3: the first server's basePath variable, else the path of its url beyond "/". */
function oas3BasePath(doc: Json): string | undefined {
  const server = Array.isArray(doc.servers) ? doc.servers.find(isObject) : undefined;
  if (!server) return undefined;
  const variable = isObject(server.variables?.basePath) ? server.variables.basePath.default : undefined;
  if (typeof variable === 'string') return variable;
  if (typeof server.url !== 'string') return undefined;
  const path = server.url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return path.includes('{') ? undefined : path;
}

/** What to put before every path: nothing (ignore), the base path (prepend), or the base
 * path without its first part, which names a stage (split). */
function basePrefix(mode: string, basePath: unknown): string {
  if (typeof basePath !== 'string' || mode === 'ignore') return '';
  const parts = basePath.split('/').filter(Boolean);
  return '/' + (mode === 'split' ? parts.slice(1) : parts).join('/');
}

function joinPath(prefix: string, path: string): string {
  const parts = [...prefix.split('/'), ...path.split('/')].filter(Boolean);
  return '/' + parts.join('/');
}

/** The model name a "$ref" names ("#/definitions/Pet", "#/components/schemas/Pet", or an
 * API Gateway model URL). */
export function refName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /(?:#\/definitions\/|#\/components\/schemas\/|\/models\/)([^/]+)$/.exec(ref);
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** Rewrites local schema refs into API Gateway model URLs, as stored models use them. */
export function modelSchema(schema: Json, restApiId: string): string {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!isObject(v)) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        const name = k === '$ref' ? refName(x) : undefined;
        return [k, name ? `https://apigateway.amazonaws.com/restapis/${restApiId}/models/${name}` : rewrite(x)];
      }),
    );
  };
  return JSON.stringify(rewrite(schema));
}
