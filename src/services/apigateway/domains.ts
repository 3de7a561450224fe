// Custom domain names and their base path mappings.
import { badRequest, conflict } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { randomId } from '../../state/ids.ts';
import { newDistributionDomain } from './ids.ts';
import { child, compact, getRestApi, missing, now, scope } from './lookup.ts';
import { paginate } from './paging.ts';
import { applyPatch, scalar, toText, type PatchRule } from './patch.ts';
import type { ApiGatewayV1Store, DomainNameRecord, V1State } from './store.ts';

/** CloudFront's hosted zone, where every EDGE domain's distribution lives. */
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
const NONE = '(none)';

const DOMAIN_PATCH: PatchRule[] = [
  scalar('/certificateArn', 'certificateArn'),
  scalar('/certificateName', 'certificateName'),
  scalar('/regionalCertificateArn', 'regionalCertificateArn'),
  scalar('/regionalCertificateName', 'regionalCertificateName'),
  scalar('/securityPolicy', 'securityPolicy'),
  scalar('/mutualTlsAuthentication/truststoreUri', 'mutualTlsAuthentication.truststoreUri', 'string', ['replace', 'remove']),
  scalar('/mutualTlsAuthentication/truststoreVersion', 'mutualTlsAuthentication.truststoreVersion', 'string', ['replace', 'remove']),
  {
    pattern: '/endpointConfiguration/types/{key}',
    ops: ['replace'],
    apply(domain, ctx) {
      const types: string[] = domain.endpointConfiguration?.types ?? [];
      const at = types.indexOf(ctx.params.key);
      const to = toText(ctx.value);
      if (at < 0 || !['EDGE', 'REGIONAL'].includes(to)) throw badRequest(`Invalid endpoint type change ${ctx.params.key} -> ${to}`);
      types[at] = to;
    },
  },
];

const MAPPING_PATCH: PatchRule[] = [scalar('/basePath', 'basePath'), scalar('/restapiId', 'restApiId'), scalar('/stage', 'stage', 'string', ['replace', 'remove'])];

/** Fills the endpoint-type dependent members (distribution or regional host). */
function withEndpoints(domain: DomainNameRecord, region: string): DomainNameRecord {
  const edge = domain.endpointConfiguration?.types?.includes('EDGE');
  if (edge) {
    domain.distributionDomainName ??= newDistributionDomain();
    domain.distributionHostedZoneId = CLOUDFRONT_ZONE;
    delete domain.regionalDomainName;
  } else {
    domain.regionalDomainName ??= `d-${randomId(10)}.execute-api.${region}.amazonaws.com`;
    delete domain.distributionDomainName;
    delete domain.distributionHostedZoneId;
  }
  return domain;
}

function mappingKey(basePath: string | undefined): string {
  return basePath === undefined || basePath === '' ? NONE : basePath;
}

function checkTarget(state: V1State, restApiId: string, stage: string | undefined) {
  const api = getRestApi(state, restApiId);
  if (stage !== undefined) {
    try {
      child(api.stages, 'Stage', stage);
    } catch {
      throw badRequest('Invalid stage identifier specified');
    }
  }
}

export class DomainOperations {
  constructor(private store: ApiGatewayV1Store) {}

  createDomainName(input: T.CreateDomainNameRequest, ctx: RequestContext): T.DomainName {
    const state = scope(this.store, ctx);
    if (!/^[a-zA-Z0-9*]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+$/.test(input.domainName)) {
      throw badRequest(`Invalid domain name specified: ${input.domainName}`);
    }
    if (state.domainNames.has(input.domainName)) throw conflict('The domain name you provided already exists.');
    const types = input.endpointConfiguration?.types?.length ? [...input.endpointConfiguration.types] : ['EDGE' as const];
    if (types.length > 1) throw badRequest('Cannot create a domain name with multiple Endpoint Types');
    const domain: DomainNameRecord = compact({
      domainName: input.domainName,
      certificateArn: input.certificateArn,
      certificateName: input.certificateName,
      certificateUploadDate: input.certificateArn || input.certificateBody ? now() : undefined,
      regionalCertificateArn: input.regionalCertificateArn,
      regionalCertificateName: input.regionalCertificateName,
      endpointConfiguration: { types },
      domainNameStatus: 'AVAILABLE' as const,
      securityPolicy: input.securityPolicy ?? 'TLS_1_2',
      mutualTlsAuthentication: input.mutualTlsAuthentication && compact({ ...input.mutualTlsAuthentication }),
      tags: input.tags && Object.keys(input.tags).length ? { ...input.tags } : undefined,
    });
    state.domainNames.set(domain.domainName, withEndpoints(domain, ctx.region));
    state.basePathMappings.set(domain.domainName, new Map());
    return structuredClone(domain);
  }

  getDomainName(input: T.GetDomainNameRequest, ctx: RequestContext): T.DomainName {
    return structuredClone(child(scope(this.store, ctx).domainNames, 'DomainName', input.domainName));
  }

  getDomainNames(input: T.GetDomainNamesRequest, ctx: RequestContext): T.DomainNames {
    const all = [...scope(this.store, ctx).domainNames.values()].map((d) => structuredClone(d));
    return paginate(all, input.limit, input.position);
  }

  updateDomainName(input: T.UpdateDomainNameRequest, ctx: RequestContext): T.DomainName {
    const state = scope(this.store, ctx);
    const next = withEndpoints(applyPatch(child(state.domainNames, 'DomainName', input.domainName), input.patchOperations, DOMAIN_PATCH), ctx.region);
    state.domainNames.set(next.domainName, next);
    return structuredClone(next);
  }

  deleteDomainName(input: T.DeleteDomainNameRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    child(state.domainNames, 'DomainName', input.domainName);
    state.domainNames.delete(input.domainName);
    state.basePathMappings.delete(input.domainName);
  }

  createBasePathMapping(input: T.CreateBasePathMappingRequest, ctx: RequestContext): T.BasePathMapping {
    const state = scope(this.store, ctx);
    child(state.domainNames, 'DomainName', input.domainName);
    const basePath = mappingKey(input.basePath);
    if (basePath !== NONE && !/^[a-zA-Z0-9$_.+!*'()-]+(\/[a-zA-Z0-9$_.+!*'()-]+)*$/.test(basePath)) throw badRequest(`Invalid base path specified: ${basePath}`);
    checkTarget(state, input.restApiId, input.stage);
    const mappings = state.basePathMappings.get(input.domainName)!;
    if (mappings.has(basePath)) throw conflict('Base path already exists for this domain name');
    const mapping = compact({ basePath, restApiId: input.restApiId, stage: input.stage });
    mappings.set(basePath, mapping);
    return { ...mapping };
  }

  getBasePathMapping(input: T.GetBasePathMappingRequest, ctx: RequestContext): T.BasePathMapping {
    return { ...findMapping(scope(this.store, ctx), input.domainName, input.basePath) };
  }

  getBasePathMappings(input: T.GetBasePathMappingsRequest, ctx: RequestContext): T.BasePathMappings {
    const state = scope(this.store, ctx);
    child(state.domainNames, 'DomainName', input.domainName);
    const all = [...state.basePathMappings.get(input.domainName)!.values()].map((m) => ({ ...m }));
    return paginate(all, input.limit, input.position);
  }

  updateBasePathMapping(input: T.UpdateBasePathMappingRequest, ctx: RequestContext): T.BasePathMapping {
    const state = scope(this.store, ctx);
    const current = findMapping(state, input.domainName, input.basePath);
    const next = applyPatch(current, input.patchOperations, MAPPING_PATCH);
    next.basePath = mappingKey(next.basePath);
    checkTarget(state, next.restApiId ?? '', next.stage);
    const mappings = state.basePathMappings.get(input.domainName)!;
    if (next.basePath !== current.basePath && mappings.has(next.basePath)) throw conflict('Base path already exists for this domain name');
    mappings.delete(current.basePath!);
    mappings.set(next.basePath, next);
    return { ...next };
  }

  deleteBasePathMapping(input: T.DeleteBasePathMappingRequest, ctx: RequestContext): void {
    const state = scope(this.store, ctx);
    const mapping = findMapping(state, input.domainName, input.basePath);
    state.basePathMappings.get(input.domainName)!.delete(mapping.basePath!);
  }
}

function findMapping(state: V1State, domainName: string, basePath: string): T.BasePathMapping {
  child(state.domainNames, 'DomainName', domainName);
  const mapping = state.basePathMappings.get(domainName)!.get(mappingKey(basePath));
  if (!mapping) throw missing('BasePathMapping', basePath);
  return mapping;
}
