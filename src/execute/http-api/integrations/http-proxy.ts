// HTTP_PROXY: the request goes on to the integration URI (request parameters applied, a
// Forwarded header added) and the upstream's answer streams back.
import { forwardHeaders, integrationUrl, proxyRequest, responseHeaders } from '../../shared/http-upstream.ts';
import { failed, isFailure } from '../../shared/integration.ts';
import { substituteStageVariables } from '../../shared/invoke-function.ts';
import type { HttpIntegration } from './contract.ts';
import { applyRequestMappings } from './request-mappings.ts';

export const httpProxy: HttpIntegration = {
  async invoke(input) {
    const integration = input.compiled.integration;
    const uri = substituteStageVariables(integration.IntegrationUri ?? '', input.event.stageVariables);
    let headers = input.req.headers;
    let url: URL;
    try {
      let mappedPath: string | undefined;
      if (input.compiled.requestMappings.length) {
        const target = applyRequestMappings(input);
        headers = target.headers;
        url = integrationUrl(uri, input.event.pathParameters, '');
        url.search = target.rawQuery;
        mappedPath = target.path;
      } else {
        url = integrationUrl(uri, input.event.pathParameters, input.req.rawQuery);
      }
      // The $default route catches every path and names none: the request's own path (after
      // the stage) goes on after the URI's. A route with a greedy variable forwards what its
      // URI's {proxy} says, and the URI as it is without one. overwrite:path replaces both.
      if (mappedPath !== undefined) url.pathname = mappedPath;
      else if (input.event.routeKey === '$default') url.pathname = url.pathname.replace(/\/$/, '') + input.req.stagePath;
    } catch {
      return failed('misconfigured', `${uri || 'The integration URI'} is not a URL`);
    }
    const method = integration.IntegrationMethod && integration.IntegrationMethod !== 'ANY' ? integration.IntegrationMethod : input.req.method;
    const host = headers.get('host')?.[0] ?? input.domainName;
    const forwarded = forwardHeaders(headers, { forwarded: `for=${input.req.sourceIp};host=${host};proto=http` });
    const upstream = await proxyRequest({ url, method, headers, body: input.req.body, timeoutMs: input.compiled.timeoutMs }, forwarded);
    if (isFailure(upstream)) return upstream;
    return { status: upstream.statusCode ?? 502, headers: responseHeaders(upstream), body: upstream };
  },
};
