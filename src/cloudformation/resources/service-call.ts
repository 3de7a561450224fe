// How a resource type calls a service provider. CloudFormation passes property values as
// the template wrote them (numbers and booleans may arrive as strings, "30", "true") and
// converts each to the type the resource schema declares; here the service's own model says
// which type each operation member has. The converted input then goes through the same
// parser and validation a client's request goes through, so a bad property gets the
// service's own error (e.g. Lambda's ValidationException naming the member), never a crash.
import { AwsError } from '../../protocol/errors.ts';
import { loadModel, type MemberRef, type ServiceModel } from '../../protocol/model.ts';
import { parseInput } from '../../protocol/parse.ts';
import type * as ApiGatewayV1 from '../../models/apigateway.types.ts';
import type * as ApiGatewayV2 from '../../models/apigatewayv2.types.ts';
import type * as Lambda from '../../models/lambda.types.ts';
import type * as S3 from '../../models/s3.types.ts';
import type { ResourceContext } from '../resource.ts';

interface Operations {
  apigateway: ApiGatewayV1.Operations;
  apigatewayv2: ApiGatewayV2.Operations;
  lambda: Lambda.Operations;
  s3: S3.Operations;
}
type Service = keyof Operations;
type Output<F> = F extends (...args: any[]) => infer R ? Awaited<R> : never;

/** The error codes the control plane answers a malformed request with (as src/services/index.ts). */
const ERROR_CODES: Record<Service, { validationErrorCode: string; malformedBodyCode: string }> = {
  apigateway: { validationErrorCode: 'BadRequestException', malformedBodyCode: 'BadRequestException' },
  apigatewayv2: { validationErrorCode: 'BadRequestException', malformedBodyCode: 'BadRequestException' },
  lambda: { validationErrorCode: 'ValidationException', malformedBodyCode: 'InvalidRequestContentException' },
  // Only S3 operations without an XML body (GetObject) are called this way.
  s3: { validationErrorCode: 'InvalidArgument', malformedBodyCode: 'MalformedXML' },
};

const models = new Map<Service, ServiceModel>();
function model(service: Service): ServiceModel {
  let m = models.get(service);
  if (!m) models.set(service, (m = loadModel(service)));
  return m;
}

/** Calls `operation` (e.g. "createFunction") of a provider with template values, converted
 * and validated as the operation's input shape declares. */
export async function call<S extends Service, O extends keyof Operations[S] & string>(
  ctx: ResourceContext,
  service: S,
  operation: O,
  values: object,
): Promise<Output<Operations[S][O]>> {
  const provider = ctx.services[service] as Record<string, unknown>;
  const method = provider[operation];
  const opName = operation[0].toUpperCase() + operation.slice(1);
  if (typeof method !== 'function') throw new AwsError('NotImplementedException', `localgate does not implement ${service} ${opName} yet`, 501);
  const input = serviceInput(service, opName, values);
  return (await method.call(provider, input, ctx.request)) as Output<Operations[S][O]>;
}

/** Template values -> the operation's validated input (exported for tests). */
export function serviceInput(service: Service, operation: string, values: object): Record<string, unknown> {
  const m = model(service);
  const op = m.operations[operation];
  if (!op) throw new Error(`${service} has no operation ${operation}`);
  const shape = op.input ? m.shapes[op.input] : undefined;
  const labels: Record<string, string> = {};
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let body: Buffer = Buffer.alloc(0);
  const bodyMembers: Record<string, unknown> = {};
  const queryMaps: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape?.members ?? {})) {
    const raw = (values as Record<string, unknown>)[name];
    if (raw === undefined || raw === null) continue;
    const value = convert(m, ref, raw);
    const wire = ref.locationName ?? name;
    if (ref.location === 'uri') labels[wire] = String(value);
    // A query map takes every pair of the query on the wire (other query members too), so
    // it is set on the parsed input instead (ImportRestApi's `parameters`).
    else if (ref.location === 'querystring' && m.shapes[ref.shape].type === 'map') queryMaps[name] = value;
    else if (ref.location === 'querystring') for (const v of [value].flat()) query.append(wire, String(v));
    else if (ref.location === 'header') headers[wire.toLowerCase()] = String(value);
    else if (name === shape?.payload && m.shapes[ref.shape].type === 'blob') body = Buffer.from(value as string, 'base64');
    else if (name === shape?.payload) body = Buffer.from(JSON.stringify(value));
    else bodyMembers[name] = value;
  }
  if (Object.keys(bodyMembers).length) body = Buffer.from(JSON.stringify(bodyMembers));
  const input = parseInput(m, op.input, { labels, query, headers, body }, ERROR_CODES[service]).input;
  return { ...input, ...queryMaps };
}

/** One value to the JSON the member's shape expects (strings <-> numbers and booleans,
 * blobs as base64); a value that cannot convert is left for validation to refuse. */
function convert(m: ServiceModel, ref: MemberRef, value: unknown): unknown {
  const shape = m.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const member = shape.members?.[k];
        out[k] = member && v !== null && v !== undefined ? convert(m, member, v) : v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => convert(m, shape.member!, v)) : value;
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(m, shape.value!, v)]));
    }
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'boolean':
      return typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
    case 'blob':
      return Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    default:
      return value;
  }
}

/** Deleting what is already gone succeeds, as CloudFormation treats it. */
export async function ignoreNotFound(action: () => unknown): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (err instanceof AwsError && (err.code === 'NotFoundException' || err.code === 'ResourceNotFoundException')) return;
    throw err;
  }
}

/** Whether a property differs between two versions of a resource's properties. */
export function changed(oldProps: Record<string, unknown>, newProps: Record<string, unknown>, key: string): boolean {
  return JSON.stringify(oldProps?.[key]) !== JSON.stringify(newProps?.[key]);
}
