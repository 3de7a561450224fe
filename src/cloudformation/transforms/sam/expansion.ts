// The state of one template's expansion: the resources generated so far, the APIs that
// events add routes to, and the warnings to report.
import type { TransformContext } from '../../transform.ts';
import { invalidResource } from './errors.ts';
import { passThroughAttributes, type ExpandedFunction } from './function.ts';
import { withGlobals, type Globals } from './globals.ts';
import { isPlainObject, partitionOf } from './values.ts';

/** SAM's two kinds of API, named as their Globals section and event Type name them:
 * Api (AWS::Serverless::Api, a REST API) and HttpApi (AWS::Serverless::HttpApi). */
export type ApiKind = 'Api' | 'HttpApi';

export class Expansion {
  readonly partition: string;
  /** Generated resources, by logical id, in generation order. */
  readonly resources: Record<string, any> = {};
  readonly warnings: string[] = [];
  /** The template's APIs of each kind (explicit, and SAM's implicit one once an event needs it), by logical id. */
  readonly apis: Record<ApiKind, Map<string, ApiModel>> = { Api: new Map(), HttpApi: new Map() };
  /** SAM's referenceable properties (`{Ref: "Fn.Alias"}`, `{Ref: "Api.Stage"}`, ...) -> the generated logical id. */
  readonly referenceable = new Map<string, string>();
  /** Template parameters with the caller's values over their defaults (SAM resolves a few properties from them). */
  readonly parameterValues: Record<string, unknown>;

  constructor(
    readonly ctx: TransformContext,
    /** The template's own resources (SAM resources with their Globals merged in). */
    readonly input: Record<string, any>,
    readonly globals: Globals,
    parameters: Record<string, any>,
  ) {
    this.partition = partitionOf(ctx.region);
    this.parameterValues = {};
    for (const [name, decl] of Object.entries(parameters ?? {})) {
      const value = ctx.parameters[name] ?? decl?.Default;
      if (value !== undefined) this.parameterValues[name] = value;
    }
    Object.assign(this.parameterValues, { 'AWS::Region': ctx.region, 'AWS::AccountId': ctx.account, 'AWS::Partition': this.partition, 'AWS::StackName': ctx.stackName });
  }

  /** Adds a generated resource; a clash with a template resource or another generated one is SAM's error. */
  add(logicalId: string, resource: Record<string, unknown>) {
    if (logicalId in this.resources) throw invalidResource(logicalId, 'Logical ids of the generated resources clash; rename the resource.');
    this.resources[logicalId] = resource;
  }

  /** Registers a template's Api or HttpApi resource, its kind's Globals merged into its properties. */
  registerApi(kind: ApiKind, logicalId: string, resource: Record<string, any>) {
    const props = withGlobals(this.globals[kind], isPlainObject(resource.Properties) ? resource.Properties : {});
    this.apis[kind].set(logicalId, { logicalId, props, attributes: passThroughAttributes(resource), routes: [] });
  }

  /** SAM's implicit API of a kind (ServerlessRestApi, ServerlessHttpApi): created with `props`
   * and the kind's Globals by the first event that names no API. */
  implicitApi(kind: ApiKind, logicalId: string, props: Record<string, unknown>): ApiModel {
    let api = this.apis[kind].get(logicalId);
    if (!api) {
      api = { logicalId, props: withGlobals(this.globals[kind], props), attributes: {}, routes: [] };
      this.apis[kind].set(logicalId, api);
    }
    return api;
  }
}

/** One Api or HttpApi event of a function: a route of the API it names. */
export interface ApiRoute {
  fn: ExpandedFunction;
  eventId: string;
  /** HttpApi: `$default` for the catch-all. */
  path: string;
  /** Lower case; `any` (Api) or x-amazon-apigateway-any-method (HttpApi) for ANY. */
  method: string;
  event: Record<string, any>;
}

/** A SAM Api or HttpApi (explicit or implicit) and the routes its events add. */
export interface ApiModel {
  logicalId: string;
  props: Record<string, any>;
  attributes: Record<string, unknown>;
  routes: ApiRoute[];
}
