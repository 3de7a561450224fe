// Which service and protocol a control-plane request is for, before any body is parsed:
//   X-Amz-Target "{targetPrefix}.{Op}"            -> that json service
//   S3 host ({bucket}.s3.localhost[...], s3.localhost[...], {bucket}.localhost signed for s3)
//                                                 -> rest-xml S3 (bucket from the host)
//   Action= in the query string, or a form POST / -> a query service: the one the SigV4
//                                                    scope names, else the one with that action
//   SigV4 scope service "s3"                      -> rest-xml S3, path style /{bucket}/{key}
//   anything else                                 -> the rest-json router (ServiceRouter)
import type { ServiceDefinition } from './engine.ts';
import { RestXmlRouter } from './rest-xml.ts';

const S3_HOST = /^(?:(.+)\.)?s3\.localhost(?:\.localstack\.cloud)?$/;
const LOCAL_HOST = /^(.+)\.localhost(?:\.localstack\.cloud)?$/;

export class ServiceDetector {
  private readonly json: ServiceDefinition[];
  private readonly query: ServiceDefinition[];
  /** The rest-xml service (S3) with its router, if served. */
  readonly s3?: { service: ServiceDefinition; router: RestXmlRouter };

  constructor(services: ServiceDefinition[]) {
    this.json = services.filter((s) => s.protocol === 'json');
    this.query = services.filter((s) => s.protocol === 'query');
    const s3 = services.find((s) => s.protocol === 'rest-xml');
    if (s3) this.s3 = { service: s3, router: new RestXmlRouter(s3) };
  }

  /** The json service an X-Amz-Target is for, with the operation when the model has it. */
  jsonTarget(target: string): { service: ServiceDefinition; operation?: string } | undefined {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const service = this.json.find((s) => s.model.metadata.targetPrefix === prefix);
    if (!service) return undefined;
    const operation = target.slice(dot + 1);
    return { service, operation: Object.hasOwn(service.model.operations, operation) ? operation : undefined };
  }

  /** Whether a request is in the query protocol's shape (its Action may be in the body). */
  isQueryRequest(method: string, rawPath: string, contentType: string | undefined, query: URLSearchParams): boolean {
    if (!this.query.length) return false;
    if (query.has('Action')) return true;
    return method === 'POST' && rawPath === '/' && /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '');
  }

  /** The query service for a request: the signed-for service when it is one, else the
   * first whose model has the action, else the one whose API version the request names. */
  queryService(action: string | undefined, version: string | undefined, signingService: string | undefined): ServiceDefinition {
    return (
      this.query.find((s) => signingService !== undefined && s.signingNames.includes(signingService)) ??
      this.query.find((s) => action !== undefined && Object.hasOwn(s.model.operations, action)) ??
      this.query.find((s) => s.model.metadata.apiVersion === version) ??
      this.query[0]
    );
  }

  /** For S3 requests: the path to route, with a virtual-host bucket moved into it;
   * undefined when the request is not for S3. */
  s3Path(hostname: string, rawPath: string, signingService: string | undefined): string | undefined {
    if (!this.s3) return undefined;
    const s3Host = S3_HOST.exec(hostname);
    if (s3Host) return s3Host[1] ? `/${s3Host[1]}${rawPath}` : rawPath;
    if (signingService !== 's3') return undefined;
    const local = LOCAL_HOST.exec(hostname);
    return local ? `/${local[1]}${rawPath}` : rawPath;
  }
}
