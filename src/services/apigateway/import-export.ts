// ImportRestApi (POST /restapis?mode=import), PutRestApi (overwrite | merge) and GetExport
// (OpenAPI 3.0 / Swagger 2.0, JSON or YAML, of a stage's deployment).
import { badRequest } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { child, getRestApi, scope } from './lookup.ts';
import { parseDefinition } from './openapi-doc.ts';
import { exportDefinition } from './openapi-export.ts';
import { apiSettings, applyDefinition } from './openapi-import.ts';
import { publicRestApi, RestApiOperations } from './rest-apis.ts';
import type { ApiGatewayV1Store, RestApiRecord } from './store.ts';
import { stringify as toYaml } from 'yaml';

function checkWarnings(warnings: string[], failOnWarnings: boolean | undefined) {
  if (failOnWarnings && warnings.length) throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
}

function withWarnings(record: RestApiRecord, warnings: string[]): T.RestApi {
  const out = publicRestApi(record.api);
  if (warnings.length) out.warnings = warnings;
  return out;
}

export class ImportExportOperations {
  constructor(private store: ApiGatewayV1Store) {}

  importRestApi(input: T.ImportRestApiRequest, ctx: RequestContext): T.RestApi {
    const params = input.parameters ?? {};
    const def = parseDefinition(input.body, params.basepath);
    const settings = apiSettings(def);
    if (!settings.name) throw badRequest('Invalid OpenAPI input: info.title is required to name the REST API');
    const type = params.endpointConfigurationTypes as T.EndpointType | undefined;
    const created = new RestApiOperations(this.store).createRestApi(
      { ...settings, name: settings.name, endpointConfiguration: type ? { types: [type] } : undefined },
      ctx,
    );
    const state = scope(this.store, ctx);
    const record = state.restApis.get(created.id!)!;
    // An imported API holds only its definition's models, not CreateRestApi's Empty and Error.
    record.models.clear();
    try {
      const warnings = applyDefinition(record, def, 'overwrite');
      checkWarnings(warnings, input.failOnWarnings);
      return withWarnings(record, warnings);
    } catch (err) {
      // A failed import leaves no API behind.
      this.store.deleteRestApi(ctx.account, ctx.region, record.api.id);
      throw err;
    }
  }

  putRestApi(input: T.PutRestApiRequest, ctx: RequestContext): T.RestApi {
    const state = scope(this.store, ctx);
    const current = getRestApi(state, input.restApiId);
    const mode = input.mode ?? 'merge';
    if (mode !== 'merge' && mode !== 'overwrite') throw badRequest(`Invalid mode: ${mode}. Valid values are merge, overwrite`);
    const def = parseDefinition(input.body, input.parameters?.basepath);
    // Work on a copy so a failed import leaves the API as it was.
    const next = structuredClone(current);
    const warnings = applyDefinition(next, def, mode);
    checkWarnings(warnings, input.failOnWarnings);
    const settings = apiSettings(def);
    if (mode === 'overwrite') Object.assign(next.api, settings);
    else for (const [k, v] of Object.entries(settings)) if (k !== 'name' && k !== 'description' && k !== 'version') Object.assign(next.api, { [k]: v });
    state.restApis.set(next.api.id, next);
    return withWarnings(next, warnings);
  }

  getExport(input: T.GetExportRequest, ctx: RequestContext): T.ExportResponse {
    const api = getRestApi(scope(this.store, ctx), input.restApiId);
    const stage = child(api.stages, 'Stage', input.stageName);
    const deployment = child(api.deployments, 'Deployment', stage.deploymentId);
    const type = input.exportType;
    if (type !== 'oas30' && type !== 'swagger') throw badRequest(`Invalid export type specified: ${type}. Valid values are oas30, swagger`);
    const accepts = input.accepts?.split(',')[0]?.trim() || 'application/json';
    const yaml = accepts === 'application/yaml';
    if (!yaml && accepts !== 'application/json' && accepts !== '*/*') throw badRequest(`Unsupported Accept type for export: ${accepts}. Valid values are application/json, application/yaml`);
    const extensions = (input.parameters?.extensions ?? '').split(',').map((e) => e.trim());
    const doc = exportDefinition(deployment, stage.stageName, ctx.region, {
      oas3: type === 'oas30',
      integrations: extensions.includes('integrations') || extensions.includes('apigateway'),
      apigateway: extensions.includes('apigateway'),
      authorizers: extensions.includes('authorizers') || extensions.includes('apigateway'),
    });
    // AWS answers application/octet-stream unless JSON was asked for by name, and names the file
    // after the document's version: the API's, or the deployment's date
    // (test_apigateway_extended.snapshot.json#test_export_swagger_openapi, test_export_oas30_openapi).
    const json = input.accepts?.split(',')[0]?.trim() === 'application/json';
    return {
      body: Buffer.from(yaml ? toYaml(doc) : JSON.stringify(doc, null, 2)),
      contentType: json ? 'application/json' : 'application/octet-stream',
      contentDisposition: `attachment; filename="${type}_${(doc.info as { version: string }).version}.${yaml ? 'yaml' : 'json'}"`,
    };
  }
}
