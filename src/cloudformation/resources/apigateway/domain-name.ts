// AWS::ApiGateway::DomainName (CreateDomainName; certificate, security policy and endpoint
// type changes are UpdateDomainName patches; Ref is the domain name) and
// AWS::ApiGateway::BasePathMapping (CreateBasePathMapping; the API and stage are patched).
import type * as T from '../../../models/apigateway.types.ts';
import type { ResourceContext, ResourceType } from '../../resource.ts';
import { scalarOps } from './patch-ops.ts';
import { defined, read, readRequired, resourceArn, retag, stackTags, type Props } from './props.ts';
import { call, ignoreNotFound } from '../service-call.ts';

function domainAttributes(ctx: ResourceContext, domain: T.DomainName) {
  return {
    DistributionDomainName: domain.distributionDomainName,
    DistributionHostedZoneId: domain.distributionHostedZoneId,
    RegionalDomainName: domain.regionalDomainName,
    RegionalHostedZoneId: domain.regionalHostedZoneId,
    DomainNameArn: domain.domainNameArn ?? resourceArn(ctx, `/domainnames/${domain.domainName}`),
  };
}

function mutualTls(p: Props): T.MutualTlsAuthenticationInput | undefined {
  const m = p.object('MutualTlsAuthentication');
  return m && defined({ truststoreUri: m.string('TruststoreUri'), truststoreVersion: m.string('TruststoreVersion') });
}

const endpointType = (p: Props) => p.object('EndpointConfiguration')?.stringList('Types')?.[0] ?? 'EDGE';

export const domainName: ResourceType = {
  type: 'AWS::ApiGateway::DomainName',
  replaceOn: ['DomainName'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'DomainName');
    const endpoint = p.object('EndpointConfiguration');
    const created = await call(ctx, 'apigateway', 'createDomainName', {
      domainName: p.string('DomainName')!,
      certificateArn: p.string('CertificateArn'),
      regionalCertificateArn: p.string('RegionalCertificateArn'),
      ownershipVerificationCertificateArn: p.string('OwnershipVerificationCertificateArn'),
      securityPolicy: p.string('SecurityPolicy') as T.SecurityPolicy | undefined,
      routingMode: p.string('RoutingMode') as T.RoutingMode | undefined,
      endpointConfiguration: endpoint && defined({ types: endpoint.stringList('Types') as T.EndpointType[] | undefined, ipAddressType: endpoint.string('IpAddressType') as T.IpAddressType | undefined }),
      mutualTlsAuthentication: mutualTls(p),
      tags: { ...p.tags(), ...stackTags(ctx) },
    });
    return { physicalId: created.domainName!, attributes: domainAttributes(ctx, created) };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/certificateArn', before.string('CertificateArn'), after.string('CertificateArn') ?? before.string('CertificateArn')),
      ...scalarOps('/regionalCertificateArn', before.string('RegionalCertificateArn'), after.string('RegionalCertificateArn') ?? before.string('RegionalCertificateArn')),
      ...scalarOps('/securityPolicy', before.string('SecurityPolicy'), after.string('SecurityPolicy') ?? before.string('SecurityPolicy')),
      ...scalarOps('/mutualTlsAuthentication/truststoreUri', mutualTls(before)?.truststoreUri, mutualTls(after)?.truststoreUri),
      ...scalarOps('/mutualTlsAuthentication/truststoreVersion', mutualTls(before)?.truststoreVersion, mutualTls(after)?.truststoreVersion),
    ];
    if (endpointType(before) !== endpointType(after)) {
      patchOperations.push({ op: 'replace', path: `/endpointConfiguration/types/${endpointType(before)}`, value: endpointType(after) });
    }
    const domain = patchOperations.length
      ? await call(ctx, 'apigateway', 'updateDomainName', { domainName: physicalId, patchOperations })
      : await call(ctx, 'apigateway', 'getDomainName', { domainName: physicalId });
    await retag(ctx, `/domainnames/${physicalId}`, oldProps, newProps);
    return { physicalId, attributes: domainAttributes(ctx, domain) };
  },

  async delete(physicalId, _props, ctx) {
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteDomainName', { domainName: physicalId }));
  },
};

export const basePathMapping: ResourceType = {
  type: 'AWS::ApiGateway::BasePathMapping',
  replaceOn: ['DomainName', 'BasePath'],

  async create(props, ctx) {
    const p = readRequired(props, ctx, 'DomainName', 'RestApiId');
    await call(ctx, 'apigateway', 'createBasePathMapping', { domainName: p.string('DomainName')!, basePath: p.string('BasePath'), restApiId: p.string('RestApiId')!, stage: p.string('Stage') });
    return { physicalId: ctx.generateName(), attributes: {} };
  },

  async update(physicalId, oldProps, newProps, ctx) {
    const [before, after] = [read(oldProps, ctx), read(newProps, ctx)];
    const patchOperations = [
      ...scalarOps('/restapiId', before.string('RestApiId'), after.string('RestApiId') ?? before.string('RestApiId')),
      ...scalarOps('/stage', before.string('Stage'), after.string('Stage')),
    ];
    const key = { domainName: after.string('DomainName')!, basePath: after.string('BasePath') || '(none)' };
    if (patchOperations.length) await call(ctx, 'apigateway', 'updateBasePathMapping', { ...key, patchOperations });
    return { physicalId, attributes: {} };
  },

  async delete(_physicalId, props, ctx) {
    const p = read(props, ctx);
    await ignoreNotFound(() => call(ctx, 'apigateway', 'deleteBasePathMapping', { domainName: p.string('DomainName')!, basePath: p.string('BasePath') || '(none)' }));
  },
};
