// The json protocol, 1.0 and 1.1 (SSM, CloudWatch Logs): POST / with
// `X-Amz-Target: {targetPrefix}.{Operation}` and a JSON body keyed by member names;
// answers `application/x-amz-json-1.x`, errors as {"__type": "...", "message": "..."}.
import { AwsError } from './errors.ts';
import { errorDocument, operationHandler, toAwsError, type EngineResponse, type RequestContext, type ServiceDefinition } from './engine.ts';
import type { ServiceModel } from './model.ts';
import { parseJsonBody, ValueReader } from './parse.ts';
import { ValueWriter } from './serialize.ts';

export const contentType = (model: ServiceModel) => `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`;

export async function invokeJson(service: ServiceDefinition, operation: string | undefined, target: string, body: Buffer, ctx: RequestContext): Promise<EngineResponse> {
  try {
    if (!operation) throw new AwsError('UnknownOperationException', `Unknown operation ${target}`, 400);
    const op = service.model.operations[operation];
    const handler = operationHandler(service, operation, 'NotImplementedException');
    const input: Record<string, unknown> = {};
    if (op.input) {
      const json = body.length ? parseJsonBody(body, { malformedBodyCode: 'SerializationException' }) : {};
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
      }
      const shape = service.model.shapes[op.input];
      const reader = new ValueReader(service.model, service).forInput(shape);
      reader.readMembers(shape.members ?? {}, json as Record<string, unknown>, input, '');
      reader.checkRequired(shape, input, '');
      reader.finish();
    }
    const output = await handler(input, ctx);
    const json: Record<string, unknown> = {};
    if (op.output && typeof output === 'object' && output !== null) {
      new ValueWriter(service.model, { pascal: false, listAliases: false, blobContentType: '' }).writeMembers(service.model.shapes[op.output].members ?? {}, output as Record<string, unknown>, json);
    }
    return { status: 200, headers: { 'Content-Type': contentType(service.model) }, body: JSON.stringify(json) };
  } catch (err) {
    return renderJsonError(service.model, toAwsError(err, service.name, operation ?? target));
  }
}

export function renderJsonError(model: ServiceModel, err: AwsError): EngineResponse {
  const { status, body } = errorDocument(model, err);
  return {
    status,
    headers: { 'Content-Type': contentType(model), 'x-amzn-ErrorType': err.code },
    body: JSON.stringify({ __type: err.code, ...body }),
  };
}
