// An API's Domain: the custom domain name resource SAM generates (`ApiGatewayDomainName<hash>`
// for REST APIs, `ApiGatewayDomainNameV2<hash>` for HTTP APIs, the hash of the domain name)
// and one base path / API mapping per BasePath. Route53 records are not generated: localgate
// serves no DNS (a warning says so).
import { invalidResource, pythonList } from './errors.ts';
import type { Expansion } from './expansion.ts';
import { idHash } from './hash.ts';
import { copyDefined, isPlainObject, ref } from './values.ts';

interface DomainApi {
  logicalId: string;
  attributes: Record<string, unknown>;
}

function readDomain(x: Expansion, api: DomainApi, domain: unknown) {
  if (!isPlainObject(domain)) throw invalidResource(api.logicalId, "Property 'Domain' should be a map.");
  if (domain.DomainName === undefined || domain.CertificateArn === undefined) {
    throw invalidResource(api.logicalId, 'Custom Domains only works if both DomainName and CertificateArn are provided.');
  }
  if (domain.Route53 !== undefined) x.warnings.push(`${api.logicalId}: Domain.Route53 is skipped: localgate does not serve Route 53 record sets`);
  const basePaths = domain.BasePath === undefined ? undefined : Array.isArray(domain.BasePath) ? domain.BasePath : [domain.BasePath];
  if (basePaths?.some((p: unknown) => typeof p !== 'string')) throw invalidResource(api.logicalId, 'Basepath must be a string.');
  return { domain, basePaths: basePaths as string[] | undefined };
}

/** Adds the domain resource unless another API already generated the same one. */
function addDomain(x: Expansion, id: string, resource: Record<string, unknown>) {
  if (x.resources[id] && JSON.stringify(x.resources[id]) === JSON.stringify(resource)) return;
  x.add(id, resource);
}

export function restApiDomain(x: Expansion, api: DomainApi, value: unknown, stageId: string) {
  const { domain, basePaths } = readDomain(x, api, value);
  const endpoint = domain.EndpointConfiguration ?? 'REGIONAL';
  if (!['EDGE', 'REGIONAL', 'PRIVATE'].includes(endpoint)) {
    throw invalidResource(api.logicalId, `EndpointConfiguration for Custom Domains must be one of ${pythonList(['EDGE', 'REGIONAL', 'PRIVATE'])}.`);
  }
  const props: Record<string, unknown> = { DomainName: domain.DomainName, EndpointConfiguration: { Types: [endpoint] } };
  props[endpoint === 'REGIONAL' ? 'RegionalCertificateArn' : 'CertificateArn'] = domain.CertificateArn;
  copyDefined(props, domain, ['MutualTlsAuthentication', 'SecurityPolicy', 'Policy', 'OwnershipVerificationCertificateArn']);
  const domainId = `ApiGatewayDomainName${idHash(domain.DomainName)}`;
  addDomain(x, domainId, { Type: 'AWS::ApiGateway::DomainName', ...api.attributes, Properties: props });

  const mapping = (id: string, basePath?: string) => {
    const p: Record<string, unknown> = { DomainName: ref(domainId), RestApiId: ref(api.logicalId), Stage: ref(stageId) };
    if (basePath !== undefined) p.BasePath = basePath;
    x.add(id, { Type: 'AWS::ApiGateway::BasePathMapping', ...api.attributes, Properties: p });
  };
  if (!basePaths) return mapping(`${api.logicalId}BasePathMapping`);
  const normalize = domain.NormalizeBasePath !== false;
  for (const basePath of basePaths) {
    const alphanumeric = basePath.replace(/[^A-Za-z0-9]/g, '');
    mapping(`${api.logicalId}${alphanumeric}BasePathMapping`, normalize ? alphanumeric : basePath);
  }
}

export function httpApiDomain(x: Expansion, api: DomainApi, value: unknown, stageId: string) {
  const { domain, basePaths } = readDomain(x, api, value);
  const endpoint = domain.EndpointConfiguration ?? 'REGIONAL';
  if (endpoint !== 'REGIONAL') throw invalidResource(api.logicalId, `EndpointConfiguration for Custom Domains must be one of ${pythonList(['REGIONAL'])}.`);
  const config: Record<string, unknown> = { CertificateArn: domain.CertificateArn, EndpointType: endpoint };
  copyDefined(config, domain, ['OwnershipVerificationCertificateArn', 'SecurityPolicy']);
  const props: Record<string, unknown> = { DomainName: domain.DomainName, DomainNameConfigurations: [config], Tags: { 'httpapi:createdBy': 'SAM' } };
  copyDefined(props, domain, ['MutualTlsAuthentication']);
  const domainId = `ApiGatewayDomainNameV2${idHash(domain.DomainName)}`;
  addDomain(x, domainId, { Type: 'AWS::ApiGatewayV2::DomainName', ...api.attributes, Properties: props });

  const mapping = (id: string, key?: string) => {
    const p: Record<string, unknown> = { DomainName: ref(domainId), ApiId: ref(api.logicalId), Stage: ref(stageId) };
    if (key !== undefined) p.ApiMappingKey = key;
    x.add(id, { Type: 'AWS::ApiGatewayV2::ApiMapping', ...api.attributes, Properties: p });
  };
  if (!basePaths) return mapping(`${api.logicalId}ApiMapping`);
  for (const path of basePaths) {
    if (/[^0-9a-zA-Z/_-]/.test(path)) throw invalidResource(api.logicalId, 'Invalid Basepath name provided.');
    mapping(`${api.logicalId}${path.replace(/[-_/]+/g, '')}ApiMapping`, path.replace(/^\/+|\/+$/g, ''));
  }
}
