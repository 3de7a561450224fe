// ImportApi and ReimportApi: an HTTP API from an OpenAPI 3.0 definition (openapi-import.ts).
// The definition is built into a fresh record first, so a definition that fails leaves the
// stored APIs as they were; ReimportApi then swaps the new configuration into the API.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest } from '../../protocol/errors.ts';
import type { ImportApiRequest, ImportApiResponse, ReimportApiRequest, ReimportApiResponse } from '../../models/apigatewayv2.types.ts';
import { apiView, checkCors, DEFAULT_API_KEY_SELECTION, HTTP_ROUTE_SELECTION, newApiRecord } from './apis.ts';
import { ids, type V2Context } from './common.ts';
import { parseDefinition, type ApiDefinition } from './openapi-import.ts';
import type { ApiRecord } from './store.ts';

export class ImportOperations {
  constructor(private readonly v2: V2Context) {}

  importApi(input: ImportApiRequest, ctx: RequestContext): ImportApiResponse {
    const definition = parseDefinition(input.Body, input.Basepath);
    const record = newApiRecord({
      ApiId: ids.api(),
      Name: definition.name,
      ProtocolType: 'HTTP',
      RouteSelectionExpression: HTTP_ROUTE_SELECTION,
      ApiKeySelectionExpression: DEFAULT_API_KEY_SELECTION,
      CreatedDate: new Date(),
      DisableExecuteApiEndpoint: false,
      IpAddressType: 'ipv4',
      Tags: {},
    });
    const warnings = configure(record, definition, input.FailOnWarnings === true);
    this.v2.store.addApi(ctx.account, ctx.region, record);
    return { ...apiView(record, ctx), ...(warnings.length ? { Warnings: warnings } : {}) };
  }

  reimportApi(input: ReimportApiRequest, ctx: RequestContext): ReimportApiResponse {
    const record = this.v2.api(ctx, input.ApiId);
    if (record.api.ProtocolType !== 'HTTP') throw badRequest('ReimportApi is supported only for HTTP APIs');
    const definition = parseDefinition(input.Body, input.Basepath);
    const fresh = newApiRecord({ ...record.api });
    delete fresh.api.Description;
    delete fresh.api.Version;
    delete fresh.api.CorsConfiguration;
    const warnings = configure(fresh, definition, input.FailOnWarnings === true);
    record.api = fresh.api;
    record.routes = fresh.routes;
    record.routeResponses = fresh.routeResponses;
    record.integrations = fresh.integrations;
    record.integrationResponses = fresh.integrationResponses;
    record.authorizers = fresh.authorizers;
    record.models = fresh.models;
    this.v2.changed(record, ctx);
    return { ...apiView(record, ctx), ...(warnings.length ? { Warnings: warnings } : {}) };
  }
}

/** Applies a definition to a new record; returns the warnings (or fails on them). */
function configure(record: ApiRecord, definition: ApiDefinition, failOnWarnings: boolean): string[] {
  record.api.Name = definition.name;
  if (definition.description !== undefined) record.api.Description = definition.description;
  if (definition.version !== undefined) record.api.Version = definition.version;
  if (definition.cors) {
    checkCors(definition.cors);
    record.api.CorsConfiguration = definition.cors;
  }
  const warnings = definition.build(record);
  if (failOnWarnings && warnings.length) throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  return warnings;
}
