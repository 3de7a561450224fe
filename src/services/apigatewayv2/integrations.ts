// Integrations and integration responses of an API.
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict } from '../../protocol/errors.ts';
import type {
  CreateIntegrationRequest,
  CreateIntegrationResponseRequest,
  CreateIntegrationResponseResponse,
  CreateIntegrationResult,
  DeleteIntegrationRequest,
  DeleteIntegrationResponseRequest,
  GetIntegrationRequest,
  GetIntegrationResponseRequest,
  GetIntegrationResponseResponse,
  GetIntegrationResponsesRequest,
  GetIntegrationResponsesResponse,
  GetIntegrationResult,
  GetIntegrationsRequest,
  GetIntegrationsResponse,
  Integration,
  IntegrationResponse,
  UpdateIntegrationRequest,
  UpdateIntegrationResponseRequest,
  UpdateIntegrationResponseResponse,
  UpdateIntegrationResult,
} from '../../models/apigatewayv2.types.ts';
import { child, ids, newChild, paginate, responsesOf, sentMembers, updatedChild, type V2Context } from './common.ts';
import { validateIntegration, withIntegrationDefaults } from './integration-rules.ts';
import type { ApiRecord } from './store.ts';

/** Validates and stores a new integration (also used by quick create). */
export function addIntegration(record: ApiRecord, fields: Integration): Integration & { IntegrationId: string } {
  const integration = { ...withIntegrationDefaults(record.api.ProtocolType, fields), IntegrationId: ids.child() };
  validateIntegration(record.api.ProtocolType, integration);
  record.integrations.set(integration.IntegrationId, integration);
  return integration;
}

export class IntegrationOperations {
  constructor(private readonly v2: V2Context) {}

  createIntegration(input: CreateIntegrationRequest, ctx: RequestContext): CreateIntegrationResult {
    const record = this.v2.api(ctx, input.ApiId);
    const integration = addIntegration(record, sentMembers<Integration>(input, ['ApiId']));
    this.v2.changed(record, ctx);
    return integration;
  }

  getIntegration(input: GetIntegrationRequest, ctx: RequestContext): GetIntegrationResult {
    return this.v2.find(ctx, input.ApiId, 'Integration', input.IntegrationId).found;
  }

  getIntegrations(input: GetIntegrationsRequest, ctx: RequestContext): GetIntegrationsResponse {
    return this.v2.page(ctx, 'Integration', input);
  }

  updateIntegration(input: UpdateIntegrationRequest, ctx: RequestContext): UpdateIntegrationResult {
    return this.v2.update(ctx, 'Integration', input, (updated, record) => validateIntegration(record.api.ProtocolType, updated));
  }

  deleteIntegration(input: DeleteIntegrationRequest, ctx: RequestContext): void {
    const { record, found: integration } = this.v2.find(ctx, input.ApiId, 'Integration', input.IntegrationId);
    const target = `integrations/${integration.IntegrationId}`;
    for (const route of record.routes.values()) {
      if (route.Target === target) {
        throw conflict(`Integration ${integration.IntegrationId} is used by route ${route.RouteKey} and cannot be deleted`);
      }
    }
    record.integrations.delete(integration.IntegrationId);
    record.integrationResponses.delete(integration.IntegrationId);
    this.v2.changed(record, ctx);
  }

  createIntegrationResponse(input: CreateIntegrationResponseRequest, ctx: RequestContext): CreateIntegrationResponseResponse {
    const { record, found: integration } = this.v2.find(ctx, input.ApiId, 'Integration', input.IntegrationId);
    this.requireWebSocket(record);
    const responses = responsesOf(record.integrationResponses, integration.IntegrationId);
    if ([...responses.values()].some((r) => r.IntegrationResponseKey === input.IntegrationResponseKey)) {
      throw conflict(`Integration response with key ${input.IntegrationResponseKey} already exists for this integration`);
    }
    const response: IntegrationResponse = newChild<IntegrationResponse>(input, ['ApiId', 'IntegrationId'], { IntegrationResponseId: ids.child() });
    responses.set(response.IntegrationResponseId!, response);
    this.v2.changed(record, ctx);
    return response;
  }

  getIntegrationResponse(input: GetIntegrationResponseRequest, ctx: RequestContext): GetIntegrationResponseResponse {
    return this.findResponse(input, ctx).response;
  }

  getIntegrationResponses(input: GetIntegrationResponsesRequest, ctx: RequestContext): GetIntegrationResponsesResponse {
    const { record, found: integration } = this.v2.find(ctx, input.ApiId, 'Integration', input.IntegrationId);
    return paginate(responsesOf(record.integrationResponses, integration.IntegrationId).values(), input);
  }

  updateIntegrationResponse(input: UpdateIntegrationResponseRequest, ctx: RequestContext): UpdateIntegrationResponseResponse {
    const { record, responses, response } = this.findResponse(input, ctx);
    const key = input.IntegrationResponseKey;
    if (key !== undefined && key !== response.IntegrationResponseKey && [...responses.values()].some((r) => r.IntegrationResponseKey === key)) {
      throw conflict(`Integration response with key ${key} already exists for this integration`);
    }
    const updated = updatedChild(response, input, ['ApiId', 'IntegrationId', 'IntegrationResponseId']);
    responses.set(response.IntegrationResponseId!, updated);
    this.v2.changed(record, ctx);
    return updated;
  }

  deleteIntegrationResponse(input: DeleteIntegrationResponseRequest, ctx: RequestContext): void {
    const { record, responses, response } = this.findResponse(input, ctx);
    responses.delete(response.IntegrationResponseId!);
    this.v2.changed(record, ctx);
  }

  private findResponse(input: { ApiId: string; IntegrationId: string; IntegrationResponseId: string }, ctx: RequestContext) {
    const { record, found: integration } = this.v2.find(ctx, input.ApiId, 'Integration', input.IntegrationId);
    const responses = responsesOf(record.integrationResponses, integration.IntegrationId);
    const response = child(responses, input.IntegrationResponseId, 'IntegrationResponse', ctx, input.ApiId);
    return { record, responses, response };
  }

  private requireWebSocket(record: ApiRecord) {
    if (record.api.ProtocolType !== 'WEBSOCKET') throw badRequest('Integration responses are supported only for WebSocket APIs');
  }
}
