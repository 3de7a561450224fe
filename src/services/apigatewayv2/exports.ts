// ExportApi: an HTTP API's OpenAPI 3.0 definition, of a stage's deployment or of the draft
// configuration, as JSON or YAML (see openapi-export.ts for the document).
import { stringify as toYaml } from 'yaml';
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest } from '../../protocol/errors.ts';
import type { ExportApiRequest, ExportApiResponse } from '../../models/apigatewayv2.types.ts';
import { apiEndpoint, child, type V2Context } from './common.ts';
import { snapshotOf } from './deployments.ts';
import { exportOpenApi } from './openapi-export.ts';

export class ExportOperations {
  constructor(private readonly v2: V2Context) {}

  exportApi(input: ExportApiRequest, ctx: RequestContext): ExportApiResponse {
    const record = this.v2.api(ctx, input.ApiId);
    if (input.Specification !== 'OAS30') throw badRequest(`Unsupported specification: ${input.Specification}. The only supported value is OAS30`);
    if (input.OutputType !== 'JSON' && input.OutputType !== 'YAML') throw badRequest(`Unsupported output type: ${input.OutputType}. Valid values are JSON and YAML`);
    if (input.ExportVersion !== undefined && input.ExportVersion !== '1.0') {
      throw badRequest(`Unsupported export version: ${input.ExportVersion}. The only supported version is 1.0`);
    }
    if (record.api.ProtocolType !== 'HTTP') throw badRequest('Export is supported only for HTTP APIs');
    let snapshot = snapshotOf(record);
    if (input.StageName !== undefined) {
      const stage = child(record.stages, input.StageName, 'Stage', ctx, input.ApiId);
      const deployment = stage.DeploymentId ? record.deployments.get(stage.DeploymentId) : undefined;
      if (!deployment) throw badRequest(`Stage ${input.StageName} has no deployment to export`);
      snapshot = deployment.snapshot;
    }
    const doc = exportOpenApi(snapshot, {
      endpoint: apiEndpoint(ctx.baseUrl, record.api.ApiId, record.api.ProtocolType),
      region: ctx.region,
      stageName: input.StageName,
      includeExtensions: input.IncludeExtensions !== false,
    });
    const text = input.OutputType === 'JSON' ? JSON.stringify(doc, null, 2) : toYaml(doc);
    return { body: Buffer.from(text, 'utf8') };
  }
}
