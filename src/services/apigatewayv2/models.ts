// Models (JSON schemas for WebSocket request and response validation).
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict } from '../../protocol/errors.ts';
import type {
  CreateModelRequest,
  CreateModelResponse,
  DeleteModelRequest,
  GetModelRequest,
  GetModelResponse,
  GetModelsRequest,
  GetModelsResponse,
  Model,
  UpdateModelRequest,
  UpdateModelResponse,
} from '../../models/apigatewayv2.types.ts';
import { ids, newChild, type V2Context } from './common.ts';
import type { ApiRecord } from './store.ts';

const MODEL_NAME = /^[A-Za-z0-9]+$/;

function checkModel(record: ApiRecord, model: Model & { ModelId: string }) {
  if (!MODEL_NAME.test(model.Name)) throw badRequest('Model name must be non-empty and alphanumeric');
  for (const other of record.models.values()) {
    if (other.ModelId !== model.ModelId && other.Name === model.Name) throw conflict(`Model name already exists for this API: ${model.Name}`);
  }
  if (model.Schema !== undefined) {
    let schema: unknown;
    try {
      schema = JSON.parse(model.Schema);
    } catch {
      throw badRequest('Invalid model schema specified: the schema must be valid JSON');
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw badRequest('Invalid model schema specified: the schema must be a JSON object');
    }
  }
}

export class ModelOperations {
  constructor(private readonly v2: V2Context) {}

  createModel(input: CreateModelRequest, ctx: RequestContext): CreateModelResponse {
    const record = this.v2.api(ctx, input.ApiId);
    if (record.api.ProtocolType !== 'WEBSOCKET') throw badRequest('Models are supported only for WebSocket APIs');
    const model = newChild<Model & { ModelId: string }>(input, ['ApiId'], { ModelId: ids.child() });
    checkModel(record, model);
    record.models.set(model.ModelId, model);
    this.v2.changed(record, ctx);
    return model;
  }

  getModel(input: GetModelRequest, ctx: RequestContext): GetModelResponse {
    return this.v2.find(ctx, input.ApiId, 'Model', input.ModelId).found;
  }

  getModels(input: GetModelsRequest, ctx: RequestContext): GetModelsResponse {
    return this.v2.page(ctx, 'Model', input);
  }

  updateModel(input: UpdateModelRequest, ctx: RequestContext): UpdateModelResponse {
    return this.v2.update(ctx, 'Model', input, (updated, record) => checkModel(record, updated));
  }

  deleteModel(input: DeleteModelRequest, ctx: RequestContext): void {
    const { record, found: model } = this.v2.find(ctx, input.ApiId, 'Model', input.ModelId);
    record.models.delete(model.ModelId);
    this.v2.changed(record, ctx);
  }
}
