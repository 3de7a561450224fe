// The invoke-URL forms localgate serves, in one table: the data plane (src/execute/entry.ts)
// parses requests with it; the console, the CLI banner and `localgate deploy` print from it.
//   {apiId}.execute-api.localhost[:port]/{stage?}/{path}      (also .localhost.localstack.cloud)
//   /execute-api/{apiId}/{stage?}/{path}   /_aws/execute-api/{apiId}/{stage?}/{path}
//   /restapis/{apiId}/{stage}/_user_request_/{path}           (REST APIs; the stage is required)
// Pure: no imports, so every layer may use it.

/** The host form: `{apiId}.execute-api.localhost`, group 1 is the API id. */
export const HOST_FORM = /^([a-z0-9]+)\.execute-api\.localhost(?:\.localstack\.cloud)?$/;
/** Path forms that start with the API id. */
export const PATH_PREFIXES = ['/execute-api/', '/_aws/execute-api/'];
/** The segment after `/restapis/{apiId}/{stage}` in the REST user-request form. */
export const USER_REQUEST = '/_user_request_';

/** The domain name of an API's default endpoint, as requestContext.domainName reports it. */
export function executeApiDomain(apiId: string): string {
  return `${apiId}.execute-api.localhost`;
}

/** The forms with placeholders, for an overview: `http` for HTTP and REST APIs, `websocket`. */
export function invokeUrlForms(baseUrl: string): { http: string[]; websocket: string[] } {
  return {
    http: [
      `${baseUrl}/execute-api/{apiId}/{stage}/{path}`,
      `${hostBase(baseUrl, '{apiId}')}/{stage}/{path}`,
      `${baseUrl}/restapis/{apiId}/{stage}${USER_REQUEST}/{path}`,
    ],
    websocket: [`${ws(baseUrl)}/execute-api/{apiId}/{stage}`],
  };
}

/** The invoke URLs of one stage, in every form localgate serves; `kind` is the API's
 * ProtocolType ("HTTP", "WEBSOCKET") or "REST". The first is the path form. */
export function invokeUrls(baseUrl: string, apiId: string, kind: string, stage: string): string[] {
  const host = hostBase(baseUrl, apiId);
  const suffix = stage === '$default' ? '/' : `/${encodeURIComponent(stage)}`;
  if (kind === 'WEBSOCKET') return [`${ws(baseUrl)}/execute-api/${apiId}${suffix}`, ws(host) + suffix];
  if (kind === 'REST') {
    const s = encodeURIComponent(stage);
    return [`${baseUrl}/restapis/${apiId}/${s}${USER_REQUEST}/`, `${baseUrl}/execute-api/${apiId}/${s}/`, `${host}/${s}/`];
  }
  return [`${baseUrl}/execute-api/${apiId}${suffix}`, host + suffix];
}

function hostBase(baseUrl: string, apiId: string): string {
  const port = new URL(baseUrl).port;
  return `http://${apiId}.execute-api.localhost${port ? `:${port}` : ''}`;
}

const ws = (url: string) => url.replace(/^http/, 'ws');
