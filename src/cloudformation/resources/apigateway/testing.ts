// For the tests beside this file: a ResourceContext over a real API Gateway provider (its
// own store), and a way to run a type's create/update/delete as the engine would.
import { createApiGatewayProvider } from '../../../services/apigateway/provider.ts';
import { ApiGatewayV1Store } from '../../../services/apigateway/store.ts';
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceServices, ResourceType } from '../../resource.ts';

const STACK = 'teststack';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:000000000000:stack/teststack/0f3b9a10-1111-2222-3333-444455556666';

let serial = 0;

/** A context per logical id over `services` (a fresh provider when not given). */
export function contextFactory(services?: Partial<ResourceServices>, baseUrl = 'http://localhost:4566') {
  const apigateway = (services?.apigateway ?? createApiGatewayProvider(new ApiGatewayV1Store())) as Partial<T.Operations>;
  const all: ResourceServices = { apigateway, apigatewayv2: services?.apigatewayv2 ?? {}, lambda: services?.lambda ?? {}, s3: services?.s3 ?? {}, iam: services?.iam ?? {}, ssm: services?.ssm ?? {}, logs: services?.logs ?? {}, ecr: services?.ecr ?? {} };
  const request = {
    caller: { account: '000000000000', region: 'us-east-1', signed: false },
    account: '000000000000',
    region: 'us-east-1',
    requestId: 'test',
    baseUrl,
  };
  return {
    gateway: apigateway as T.Operations,
    request,
    context(logicalId: string): ResourceContext {
      return {
        request,
        services: all,
        stackName: STACK,
        stackId: STACK_ID,
        logicalId,
        // Deterministic stand-in for the engine's random suffix.
        generateName: (max = 255) => `${STACK}-${logicalId}-TEST${String(++serial).padStart(8, '0')}`.slice(0, max),
      };
    },
  };
}

export type Contexts = ReturnType<typeof contextFactory>;

/** A resource of a template: create, then update and delete with the stored result. */
export class Deployed {
  private constructor(
    private type: ResourceType,
    private contexts: Contexts,
    private logicalId: string,
    public props: ResourceProperties,
    public result: ResourceResult,
  ) {}

  static async create(type: ResourceType, contexts: Contexts, logicalId: string, props: ResourceProperties) {
    const result = await type.create(props, contexts.context(logicalId));
    return new Deployed(type, contexts, logicalId, props, result);
  }

  get id() {
    return this.result.physicalId;
  }

  get ref() {
    return this.result.ref ?? this.result.physicalId;
  }

  attr(name: string) {
    return this.result.attributes[name];
  }

  /** Whether changing these properties replaces the resource instead of updating it. */
  replacedBy(next: ResourceProperties): boolean {
    return this.type.replaceOn.some((p) => JSON.stringify(this.props[p]) !== JSON.stringify(next[p]));
  }

  async update(next: ResourceProperties) {
    if (this.replacedBy(next) || !this.type.update) throw new Error(`${this.logicalId}: this change needs replacement`);
    this.result = await this.type.update(this.id, this.props, next, this.contexts.context(this.logicalId), this.result);
    this.props = next;
  }

  async delete() {
    await this.type.delete(this.id, this.props, this.contexts.context(this.logicalId), this.result);
  }
}
