// A function's Events: Api and HttpApi events become routes on a REST or HTTP API (explicit,
// or SAM's implicit ServerlessRestApi / ServerlessHttpApi); event sources of services
// localgate does not serve are skipped with a warning naming each.
import { invalidEvent, invalidResource } from './errors.ts';
import type { ApiKind, Expansion } from './expansion.ts';
import type { ExpandedFunction } from './function.ts';
import { implicitHttpApi } from './http-api.ts';
import { implicitRestApi } from './rest-api.ts';
import { isPlainObject, referencedId } from './values.ts';

/** SAM event source types whose services localgate does not emulate. */
const UNSERVED = new Set([
  'S3', 'SNS', 'Kinesis', 'DynamoDB', 'SQS', 'Schedule', 'ScheduleV2', 'CloudWatchEvent', 'EventBridgeRule', 'CloudWatchLogs',
  'IoTRule', 'AlexaSkill', 'Cognito', 'MSK', 'MQ', 'SelfManagedKafka', 'DocumentDB',
]);

export function expandEvents(x: Expansion, fn: ExpandedFunction, events: unknown) {
  if (events === undefined) return;
  if (!isPlainObject(events)) throw invalidResource(fn.logicalId, "Property 'Events' should be a map.");
  for (const [eventId, event] of Object.entries(events)) {
    if (!isPlainObject(event) || typeof event.Type !== 'string') {
      throw invalidEvent(fn.logicalId, eventId, `Resource dict has missing or invalid value for key Type. Event Type is: ${isPlainObject(event) ? event.Type : undefined}.`);
    }
    const props = event.Properties ?? {};
    if (!isPlainObject(props)) throw invalidEvent(fn.logicalId, eventId, "Property 'Properties' should be a map.");
    if (event.Type === 'Api') apiEvent(x, fn, eventId, props);
    else if (event.Type === 'HttpApi') httpApiEvent(x, fn, eventId, props);
    else if (UNSERVED.has(event.Type)) {
      x.warnings.push(`${fn.logicalId}: event ${eventId} (${event.Type}) is skipped: localgate does not serve ${event.Type} event sources; the function is deployed without it`);
    } else {
      throw invalidEvent(fn.logicalId, eventId, `Resource dict has missing or invalid value for key Type. Event Type is: ${event.Type}.`);
    }
  }
}

/**
 * SAM checks every event's API reference before it expands any resource, so one event naming
 * a missing API is the only error reported: the same here.
 */
export function checkEventReferences(x: Expansion, functionId: string, events: unknown) {
  if (!isPlainObject(events)) return;
  for (const [eventId, event] of Object.entries(events)) {
    const props = isPlainObject(event) && isPlainObject(event.Properties) ? event.Properties : {};
    if (event?.Type === 'Api' && props.RestApiId !== undefined) explicitApi(x, 'Api', functionId, eventId, props.RestApiId);
    if (event?.Type === 'HttpApi' && props.ApiId !== undefined) explicitApi(x, 'HttpApi', functionId, eventId, props.ApiId);
  }
}

/** The member an event names its API by, and the resource type it must reference (SAM's words). */
const API_REFERENCE = {
  Api: { member: 'RestApiId', type: 'AWS::Serverless::Api' },
  HttpApi: { member: 'ApiId', type: 'AWS::Serverless::HttpApi' },
};

/** The template's API of the event's kind that the event's RestApiId or ApiId references. */
function explicitApi(x: Expansion, kind: ApiKind, functionId: string, eventId: string, reference: unknown) {
  const apiId = typeof reference === 'string' ? reference : referencedId(reference);
  const api = apiId ? x.apis[kind].get(apiId) : undefined;
  const { member, type } = API_REFERENCE[kind];
  if (!api) throw invalidEvent(functionId, eventId, `${member} must be a valid reference to an '${type}' resource in same template.`);
  return api;
}

function apiEvent(x: Expansion, fn: ExpandedFunction, eventId: string, props: Record<string, any>) {
  for (const p of ['Path', 'Method']) {
    if (typeof props[p] !== 'string') throw invalidEvent(fn.logicalId, eventId, `Property '${p}' is required.`);
  }
  const api = props.RestApiId === undefined ? implicitRestApi(x) : explicitApi(x, 'Api', fn.logicalId, eventId, props.RestApiId);
  api.routes.push({ fn, eventId, path: props.Path, method: props.Method.toLowerCase(), event: props });
}

function httpApiEvent(x: Expansion, fn: ExpandedFunction, eventId: string, props: Record<string, any>) {
  const api = props.ApiId === undefined ? implicitHttpApi(x) : explicitApi(x, 'HttpApi', fn.logicalId, eventId, props.ApiId);
  const path = typeof props.Path === 'string' ? props.Path : '$default';
  const method = typeof props.Method === 'string' ? props.Method.toLowerCase() : 'x-amazon-apigateway-any-method';
  api.routes.push({ fn, eventId, path, method: method === 'any' ? 'x-amazon-apigateway-any-method' : method, event: props });
}
