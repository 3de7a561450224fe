// Documentation parts (Create/Get/Update/Delete DocumentationPart(s),
// ImportDocumentationParts) and documentation versions (snapshots of the parts, optionally
// attached to a stage). A part documents one API entity named by its `location`; AWS's
// rules for which location fields each entity type takes are in LOCATION_FIELDS.
import { parse as parseYaml } from 'yaml';
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newShortId } from './ids.ts';
import { child, compact, getRestApi, now, restApiOf, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { patchChild, scalar, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, RestApiRecord } from './store.ts';

type Part = T.DocumentationPart & { id: string; location: T.DocumentationPartLocation; properties: string };
type Version = T.DocumentationVersion & { version: string; createdDate: Date; parts: Part[] };

interface DocState {
  parts: Map<string, Part>;
  versions: Map<string, Version>;
}

// Kept beside the REST API record (not in it) so the store's shape stays untouched; the
// documentation goes when the record does.
const docs = new WeakMap<RestApiRecord, DocState>();

function documentationOf(api: RestApiRecord): DocState {
  let state = docs.get(api);
  if (!state) docs.set(api, (state = { parts: new Map(), versions: new Map() }));
  return state;
}

type Field = 'path' | 'method' | 'statusCode' | 'name';

/** Per AWS's DocumentationPartLocation reference: which fields an entity type takes, which
 * are required (name), and the defaults ("/" for path, "*" for method and statusCode). */
const LOCATION_FIELDS: Record<T.DocumentationPartType, { valid: Field[]; required: Field[] }> = {
  API: { valid: [], required: [] },
  AUTHORIZER: { valid: ['name'], required: ['name'] },
  MODEL: { valid: ['name'], required: ['name'] },
  RESOURCE: { valid: ['path'], required: [] },
  METHOD: { valid: ['path', 'method'], required: [] },
  PATH_PARAMETER: { valid: ['path', 'method', 'name'], required: ['name'] },
  QUERY_PARAMETER: { valid: ['path', 'method', 'name'], required: ['name'] },
  REQUEST_HEADER: { valid: ['path', 'method', 'name'], required: ['name'] },
  REQUEST_BODY: { valid: ['path', 'method'], required: [] },
  RESPONSE: { valid: ['path', 'method', 'statusCode'], required: [] },
  RESPONSE_HEADER: { valid: ['path', 'method', 'statusCode', 'name'], required: ['name'] },
  RESPONSE_BODY: { valid: ['path', 'method', 'statusCode'], required: [] },
};

const DEFAULTS: Partial<Record<Field, string>> = { path: '/', method: '*', statusCode: '*' };

function normaliseLocation(location: T.DocumentationPartLocation | undefined): T.DocumentationPartLocation {
  const rules = location && LOCATION_FIELDS[location.type];
  if (!location || !rules) {
    throw badRequest(`Invalid documentation location type. Must be one of: [${Object.keys(LOCATION_FIELDS).join(', ')}]`);
  }
  const out: T.DocumentationPartLocation = { type: location.type };
  for (const field of ['path', 'method', 'statusCode', 'name'] as Field[]) {
    const value = location[field];
    if (!rules.valid.includes(field)) {
      if (value !== undefined) throw badRequest(`Invalid location field '${field}' for documentation part of type ${location.type}`);
      continue;
    }
    if (value === undefined && rules.required.includes(field)) throw badRequest(`Location field '${field}' is required for documentation part of type ${location.type}`);
    out[field] = value ?? DEFAULTS[field];
  }
  if (out.statusCode !== undefined && out.statusCode !== '*' && !/^[1-5]\d\d$/.test(out.statusCode)) throw badRequest('Invalid status code specified');
  if (out.path !== undefined && !out.path.startsWith('/')) throw badRequest(`Invalid path specified: ${out.path}`);
  return out;
}

const sameLocation = (a: T.DocumentationPartLocation, b: T.DocumentationPartLocation) =>
  a.type === b.type && a.path === b.path && a.method === b.method && a.statusCode === b.statusCode && a.name === b.name;

/** Properties are a JSON object serialised as a string. */
function checkProperties(properties: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(properties);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('Documentation part properties must be a valid JSON object');
}


const publicPart = (part: Part): T.DocumentationPart => structuredClone(part);
const publicVersion = (v: Version): T.DocumentationVersion => compact({ version: v.version, createdDate: v.createdDate, description: v.description });

const PART_PATCH: PatchRule[] = [scalar('/properties', 'properties')];
const VERSION_PATCH: PatchRule[] = [scalar('/description', 'description', 'string', ['replace', 'add', 'remove'])];

export class DocumentationOperations {
  constructor(private store: ApiGatewayV1Store) {}

  private docs(ctx: RequestContext, restApiId: string) {
    const api = getRestApi(scope(this.store, ctx), restApiId);
    return { api, state: documentationOf(api) };
  }

  /** Get and Update of a part answer an unknown API as an unknown part, as AWS does. */
  private partDocs(ctx: RequestContext, restApiId: string, partId: string) {
    const api = restApiOf(scope(this.store, ctx), restApiId, 'DocumentationPart', partId);
    return { api, state: documentationOf(api) };
  }

  createDocumentationPart(input: T.CreateDocumentationPartRequest, ctx: RequestContext): T.DocumentationPart {
    const { state } = this.docs(ctx, input.restApiId);
    const location = normaliseLocation(input.location);
    checkProperties(input.properties);
    if ([...state.parts.values()].some((p) => sameLocation(p.location, location))) throw conflict('Documentation part already exists for the specified location');
    const part: Part = { id: newShortId(), location, properties: input.properties };
    state.parts.set(part.id, part);
    return publicPart(part);
  }

  getDocumentationPart(input: T.GetDocumentationPartRequest, ctx: RequestContext): T.DocumentationPart {
    return publicPart(child(this.partDocs(ctx, input.restApiId, input.documentationPartId).state.parts, 'DocumentationPart', input.documentationPartId));
  }

  /** Filters: type, path (exact), nameQuery (a substring of the name). Every stored part is
   * DOCUMENTED; UNDOCUMENTED is answered as an empty list because parts are only ever
   * created with content. */
  getDocumentationParts(input: T.GetDocumentationPartsRequest, ctx: RequestContext): T.DocumentationParts {
    const { state } = this.docs(ctx, input.restApiId);
    const parts = [...state.parts.values()].filter(
      (p) =>
        input.locationStatus !== 'UNDOCUMENTED' &&
        (input.type === undefined || p.location.type === input.type) &&
        (input.path === undefined || p.location.path === input.path) &&
        (input.nameQuery === undefined || (p.location.name ?? '').includes(input.nameQuery)),
    );
    return paginate(parts.map(publicPart), input.limit, input.position);
  }

  updateDocumentationPart(input: T.UpdateDocumentationPartRequest, ctx: RequestContext): T.DocumentationPart {
    const { state } = this.partDocs(ctx, input.restApiId, input.documentationPartId);
    return publicPart(patchChild(state.parts, 'DocumentationPart', input.documentationPartId, input.patchOperations, PART_PATCH, (part) => checkProperties(part.properties)));
  }

  deleteDocumentationPart(input: T.DeleteDocumentationPartRequest, ctx: RequestContext): void {
    const { state } = this.docs(ctx, input.restApiId);
    child(state.parts, 'DocumentationPart', input.documentationPartId);
    state.parts.delete(input.documentationPartId);
  }

  /** The body is an OpenAPI document (JSON or YAML) whose `x-amazon-apigateway-documentation` extension
   * lists `documentationParts` ({location, properties} with properties as an object).
   * mode "merge" (the default) adds or replaces parts by location; "overwrite" replaces
   * the whole documentation. Nothing changes when the document is invalid. */
  importDocumentationParts(input: T.ImportDocumentationPartsRequest, ctx: RequestContext): T.DocumentationPartIds {
    const { state } = this.docs(ctx, input.restApiId);
    const doc = importedDefinition(input.body);
    const extension = doc['x-amazon-apigateway-documentation'] as { documentationParts?: unknown } | undefined;
    const listed = extension?.documentationParts;
    if (!Array.isArray(listed)) throw badRequest('Invalid documentation import body: x-amazon-apigateway-documentation.documentationParts is missing');
    const incoming = listed.map((entry: { location?: T.DocumentationPartLocation; properties?: unknown }) => {
      const location = normaliseLocation(entry?.location);
      const properties = typeof entry?.properties === 'string' ? entry.properties : JSON.stringify(entry?.properties ?? {});
      checkProperties(properties);
      return { location, properties };
    });
    const parts = input.mode === 'overwrite' ? new Map<string, Part>() : new Map(state.parts);
    const ids: string[] = [];
    for (const { location, properties } of incoming) {
      const existing = [...parts.values()].find((p) => sameLocation(p.location, location));
      const part: Part = { id: existing?.id ?? newShortId(), location, properties };
      parts.set(part.id, part);
      ids.push(part.id);
    }
    state.parts = parts;
    return { ids, warnings: [] };
  }

  createDocumentationVersion(input: T.CreateDocumentationVersionRequest, ctx: RequestContext): T.DocumentationVersion {
    const { api, state } = this.docs(ctx, input.restApiId);
    if (!input.documentationVersion) throw badRequest('Documentation version must not be empty');
    if (state.versions.has(input.documentationVersion)) throw conflict('Documentation version already exists');
    const stage = input.stageName === undefined ? undefined : child(api.stages, 'Stage', input.stageName);
    const version: Version = compact({
      version: input.documentationVersion,
      createdDate: now(),
      description: input.description,
      parts: [...state.parts.values()].map((p) => structuredClone(p)),
    });
    state.versions.set(version.version, version);
    if (stage) stage.documentationVersion = version.version;
    return publicVersion(version);
  }

  getDocumentationVersion(input: T.GetDocumentationVersionRequest, ctx: RequestContext): T.DocumentationVersion {
    return publicVersion(child(this.docs(ctx, input.restApiId).state.versions, 'DocumentationVersion', input.documentationVersion));
  }

  getDocumentationVersions(input: T.GetDocumentationVersionsRequest, ctx: RequestContext): T.DocumentationVersions {
    const { state } = this.docs(ctx, input.restApiId);
    return paginate([...state.versions.values()].map(publicVersion), input.limit, input.position);
  }

  updateDocumentationVersion(input: T.UpdateDocumentationVersionRequest, ctx: RequestContext): T.DocumentationVersion {
    const { state } = this.docs(ctx, input.restApiId);
    return publicVersion(patchChild(state.versions, 'DocumentationVersion', input.documentationVersion, input.patchOperations, VERSION_PATCH));
  }

  deleteDocumentationVersion(input: T.DeleteDocumentationVersionRequest, ctx: RequestContext): void {
    const { state } = this.docs(ctx, input.restApiId);
    child(state.versions, 'DocumentationVersion', input.documentationVersion);
    state.versions.delete(input.documentationVersion);
  }
}

/** The OpenAPI definition (JSON or YAML) ImportDocumentationParts reads; a body that is not a
 * definition object is refused as recorded on AWS
 * (test_apigateway_api.snapshot.json#TestApiGatewayApiDocumentationPart::test_import_documentation_parts_bad_file). */
function importedDefinition(body: Uint8Array | string | undefined): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parseYaml(Buffer.from(body ?? '').toString('utf8'));
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw badRequest('Unable to build importer with provided input.');
  return doc as Record<string, unknown>;
}
