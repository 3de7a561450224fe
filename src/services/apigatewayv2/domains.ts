// Custom domain names and their API mappings (stored; the data plane may route by them).
import type { RequestContext } from '../../protocol/engine.ts';
import { badRequest, conflict, notFound } from '../../protocol/errors.ts';
import type {
  ApiMapping,
  CreateApiMappingRequest,
  CreateApiMappingResponse,
  CreateDomainNameRequest,
  CreateDomainNameResponse,
  DeleteApiMappingRequest,
  DeleteDomainNameRequest,
  DomainName,
  DomainNameConfiguration,
  GetApiMappingRequest,
  GetApiMappingResponse,
  GetApiMappingsRequest,
  GetApiMappingsResponse,
  GetDomainNameRequest,
  GetDomainNameResponse,
  GetDomainNamesRequest,
  GetDomainNamesResponse,
  UpdateApiMappingRequest,
  UpdateApiMappingResponse,
  UpdateDomainNameRequest,
  UpdateDomainNameResponse,
} from '../../models/apigatewayv2.types.ts';
import { randomId } from '../../state/ids.ts';
import { ids, paginate, type V2Context } from './common.ts';

const MAPPING_KEY = /^[A-Za-z0-9$\-_.+!*'(),]+(\/[A-Za-z0-9$\-_.+!*'(),]+)*$/;

export const domainNameArn = (region: string, name: string) => `arn:aws:apigateway:${region}::/domainnames/${name}`;

export class DomainOperations {
  constructor(private readonly v2: V2Context) {}

  createDomainName(input: CreateDomainNameRequest, ctx: RequestContext): CreateDomainNameResponse {
    const domains = this.v2.state(ctx).domainNames;
    if (domains.has(input.DomainName)) throw conflict(`The domain name you provided already exists.`);
    const domain: DomainName & { DomainName: string } = {
      DomainName: input.DomainName,
      DomainNameArn: domainNameArn(ctx.region, input.DomainName),
      ApiMappingSelectionExpression: '$request.basepath',
      DomainNameConfigurations: (input.DomainNameConfigurations ?? [{}]).map((c) => configuration(c, ctx.region)),
      RoutingMode: input.RoutingMode ?? 'API_MAPPING_ONLY',
      Tags: { ...input.Tags },
    };
    if (input.MutualTlsAuthentication) domain.MutualTlsAuthentication = { ...input.MutualTlsAuthentication };
    domains.set(domain.DomainName, domain);
    return domain;
  }

  getDomainName(input: GetDomainNameRequest, ctx: RequestContext): GetDomainNameResponse {
    return this.domain(input.DomainName, ctx);
  }

  getDomainNames(input: GetDomainNamesRequest, ctx: RequestContext): GetDomainNamesResponse {
    return paginate(this.v2.state(ctx).domainNames.values(), input);
  }

  updateDomainName(input: UpdateDomainNameRequest, ctx: RequestContext): UpdateDomainNameResponse {
    const domain = this.domain(input.DomainName, ctx);
    if (input.DomainNameConfigurations) domain.DomainNameConfigurations = input.DomainNameConfigurations.map((c) => configuration(c, ctx.region));
    if (input.MutualTlsAuthentication) domain.MutualTlsAuthentication = { ...input.MutualTlsAuthentication };
    if (input.RoutingMode) domain.RoutingMode = input.RoutingMode;
    return domain;
  }

  deleteDomainName(input: DeleteDomainNameRequest, ctx: RequestContext): void {
    this.domain(input.DomainName, ctx);
    const state = this.v2.state(ctx);
    state.domainNames.delete(input.DomainName);
    state.apiMappings.delete(input.DomainName);
  }

  createApiMapping(input: CreateApiMappingRequest, ctx: RequestContext): CreateApiMappingResponse {
    const mappings = this.mappings(input.DomainName, ctx);
    this.checkTarget(input.ApiId, input.Stage, ctx);
    const key = input.ApiMappingKey ?? '';
    this.checkKey(mappings, key);
    const mapping: ApiMapping = { ApiMappingId: ids.short(), ApiId: input.ApiId, Stage: input.Stage, ApiMappingKey: key };
    mappings.set(mapping.ApiMappingId!, mapping);
    return mapping;
  }

  getApiMapping(input: GetApiMappingRequest, ctx: RequestContext): GetApiMappingResponse {
    return this.mapping(input.DomainName, input.ApiMappingId, ctx);
  }

  getApiMappings(input: GetApiMappingsRequest, ctx: RequestContext): GetApiMappingsResponse {
    return paginate(this.mappings(input.DomainName, ctx).values(), input);
  }

  updateApiMapping(input: UpdateApiMappingRequest, ctx: RequestContext): UpdateApiMappingResponse {
    const mapping = this.mapping(input.DomainName, input.ApiMappingId, ctx);
    const apiId = input.ApiId ?? mapping.ApiId;
    const stage = input.Stage ?? mapping.Stage;
    this.checkTarget(apiId, stage, ctx);
    if (input.ApiMappingKey !== undefined && input.ApiMappingKey !== mapping.ApiMappingKey) {
      this.checkKey(this.mappings(input.DomainName, ctx), input.ApiMappingKey);
      mapping.ApiMappingKey = input.ApiMappingKey;
    }
    mapping.ApiId = apiId;
    mapping.Stage = stage;
    return mapping;
  }

  deleteApiMapping(input: DeleteApiMappingRequest, ctx: RequestContext): void {
    this.mapping(input.DomainName, input.ApiMappingId, ctx);
    this.mappings(input.DomainName, ctx).delete(input.ApiMappingId);
  }

  private domain(name: string, ctx: RequestContext) {
    const domain = this.v2.state(ctx).domainNames.get(name);
    if (!domain) throw notFound(`Invalid domain name identifier specified ${ctx.account}:${name}`);
    return domain;
  }

  private mappings(domainName: string, ctx: RequestContext): Map<string, ApiMapping> {
    this.domain(domainName, ctx);
    const all = this.v2.state(ctx).apiMappings;
    let mappings = all.get(domainName);
    if (!mappings) all.set(domainName, (mappings = new Map()));
    return mappings;
  }

  private mapping(domainName: string, id: string, ctx: RequestContext): ApiMapping {
    const mapping = this.mappings(domainName, ctx).get(id);
    if (!mapping) throw notFound(`Invalid api mapping identifier specified ${ctx.account}:${domainName}:${id}`);
    return mapping;
  }

  private checkTarget(apiId: string, stage: string, ctx: RequestContext) {
    const record = this.v2.api(ctx, apiId);
    if (!record.stages.has(stage)) throw notFound(`Invalid stage identifier specified ${ctx.account}:${apiId}:${stage}`);
  }

  private checkKey(mappings: Map<string, ApiMapping>, key: string) {
    if (key !== '' && !MAPPING_KEY.test(key)) throw badRequest(`Invalid API mapping key specified: ${key}`);
    if ([...mappings.values()].some((m) => (m.ApiMappingKey ?? '') === key)) {
      throw conflict(`An API mapping with key '${key}' already exists for this domain name`);
    }
  }
}

/** A domain name configuration as API Gateway completes it (regional TLS 1.2 by default). */
function configuration(c: DomainNameConfiguration, region: string): DomainNameConfiguration {
  return {
    EndpointType: 'REGIONAL',
    SecurityPolicy: 'TLS_1_2',
    IpAddressType: 'ipv4',
    ...c,
    ApiGatewayDomainName: `d-${randomId(10)}.execute-api.${region}.amazonaws.com`,
    DomainNameStatus: 'AVAILABLE',
  };
}
