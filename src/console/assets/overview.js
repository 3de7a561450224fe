// Overview: services, counts, the endpoint and the invoke-URL forms, the version.
import { copyButton, getJson, h } from './dom.js';

export function overviewPage() {
  return {
    section: 'overview',
    liveOn: ['change', 'request'],
    async render() {
      const o = await getJson('overview');
      const card = (n, label, href) => h('a.card', { href, style: 'text-decoration:none;color:inherit' }, h('div.n', n), h('div.l', label));
      return h('section', { 'aria-labelledby': 'overview-title' },
        h('h1', { id: 'overview-title' }, 'Overview'),
        h('div.cards',
          card(o.counts.httpApis, 'HTTP APIs', '#/apis'),
          card(o.counts.restApis, 'REST APIs', '#/apis'),
          card(o.counts.websocketApis, 'WebSocket APIs', '#/apis'),
          card(o.counts.functions, 'Lambda functions', '#/functions'),
          card(o.counts.requests, 'Logged requests', '#/requests')),
        h('h2', 'Endpoint'),
        h('div.panel',
          h('div.url', h('code', o.endpoint), copyButton(o.endpoint, 'endpoint URL')),
          h('p.muted', 'Point the AWS SDK, the AWS CLI (--endpoint-url) or AWS_ENDPOINT_URL here; any credentials work.')),
        h('h2', 'Invoke URL forms'),
        h('div.panel', o.invokeUrlForms.map((u) => h('div.url', h('code', u)))),
        h('h2', 'Services'),
        h('div.panel', h('ul', o.services.map((s) => h('li', h('code', s), ' running'))), h('p.muted', `localgate ${o.version}`)));
    },
  };
}
