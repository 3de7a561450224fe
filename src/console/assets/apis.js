// APIs: the list (REST, HTTP, WebSocket) and one API's routes or resource tree, stages
// with invoke URLs, deployments, connections, and a "try it" form.
import { copyButton, empty, getJson, h, kv, listPage, table } from './dom.js';
import { tryItPanel } from './tryit.js';
import { wsTryItPanel } from './tryit-ws.js';

export function apisPage() {
  return listPage({
    section: 'apis',
    title: 'APIs',
    columns: ['Name', 'ID', 'Type', 'Routes / resources', 'Stages', 'Account / region'],
    row: (a) => h('tr',
      h('td', h('a', { href: `#/apis/${encodeURIComponent(a.id)}` }, a.name)),
      h('td', h('code', a.id)),
      h('td', h(`span.tag.${a.kind}`, a.kind)),
      h('td', a.routes),
      h('td', a.stages.join(', ') || h('span.muted', 'none')),
      h('td', `${a.account} / ${a.region}`)),
    none: 'No APIs yet. Create one with the SDK, the AWS CLI or curl; it appears here at once.',
  });
}

const FUNCTION_ARN = /(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+))/;

/** The integration type and target; a Lambda target links to its function's page. */
function integrationText(i) {
  if (!i) return h('span.muted', 'none');
  const fn = i.uri && FUNCTION_ARN.exec(decodeURIComponent(i.uri));
  const target = fn
    ? h('a', { href: `#/functions/${encodeURIComponent(fn[1])}`, title: i.uri }, `λ ${fn[2]}`)
    : i.uri ? h('span.mono.muted', i.uri) : '';
  return [h('code', i.type ?? ''), ' ', target];
}

function authText(type, authorizer) {
  if (!type || type === 'NONE') return h('span.muted', 'NONE');
  return authorizer ? `${type} (${authorizer.name})` : type;
}

function routesSection(api) {
  if (!api.routes.length) return empty('No routes.');
  return table(['Route', 'Integration', 'Authorization'], api.routes.map((r) => h('tr',
    h('td', h('code', r.routeKey)),
    h('td', integrationText(r.integration)),
    h('td', authText(r.authorizationType, r.authorizer)))));
}

function resourceTree(api) {
  const children = new Map();
  for (const r of api.resources) {
    const list = children.get(r.parentId ?? '') ?? [];
    list.push(r);
    children.set(r.parentId ?? '', list);
  }
  const node = (r) => h('li',
    h('code', r.pathPart ? `/${r.pathPart}` : '/'), r.pathPart ? [' ', h('span.muted', r.path)] : '',
    r.methods.length ? h('ul.tree', r.methods.map((m) => h('li',
      h('strong', m.httpMethod), ' → ', integrationText(m.integration), ' · auth: ', authText(m.authorizationType, m.authorizer),
      m.apiKeyRequired ? ' · API key required' : ''))) : '',
    (children.get(r.id) ?? []).length ? h('ul.tree', children.get(r.id).map(node)) : '');
  const roots = api.resources.filter((r) => !r.parentId);
  return h('ul.tree', { 'aria-label': 'Resource tree' }, roots.map(node));
}

function stagesSection(api) {
  if (!api.stages.length) return empty('No stages: create one (or a deployment with a stage name) to invoke the API.');
  return table(['Stage', 'Deployment', 'Invoke URLs'], api.stages.map((s) => h('tr',
    h('td', h('code', s.name), s.autoDeploy ? [' ', h('span.tag', 'auto-deploy')] : ''),
    h('td', s.deploymentId ? h('code', s.deploymentId) : h('span.muted', 'not deployed')),
    h('td', s.invokeUrls.map((u) => h('div.url', h('code', u), copyButton(u, `invoke URL ${u}`)))))));
}

function connectionsSection(api) {
  if (api.kind !== 'WEBSOCKET') return '';
  const body = api.connections === null
    ? empty('Open connections are not reported by the WebSocket data plane yet.')
    : api.connections.length
      ? table(['Connection id', 'Stage', 'Connected', 'Last active', 'Source IP', 'User agent'], api.connections.map((c) => h('tr',
        h('td', h('code', c.connectionId)), h('td', c.stage), h('td', c.connectedAt), h('td', c.lastActiveAt), h('td', c.sourceIp), h('td', c.userAgent))))
      : empty('No open connections.');
  return [h('h2', 'Connections'), body];
}

export function apiDetailPage(id) {
  let tryit;
  let holder;
  const build = (api) => h('div',
    h('div.panel', kv([['ID', h('code', api.id)], ['Type', h(`span.tag.${api.kind}`, api.kind)], ['Account / region', `${api.account} / ${api.region}`],
      ['Description', api.description], ['Created', api.createdDate], ['Route selection', api.routeSelectionExpression]])),
    h('h2', api.kind === 'REST' ? 'Resources' : 'Routes'),
    api.kind === 'REST' ? h('div.panel', resourceTree(api)) : routesSection(api),
    h('h2', 'Stages'), stagesSection(api),
    api.authorizers.length ? [h('h2', 'Authorizers'), table(['Name', 'ID', 'Type', 'Identity source'], api.authorizers.map((a) => h('tr',
      h('td', a.name), h('td', h('code', a.id)), h('td', a.type), h('td', h('code', [].concat(a.identitySource ?? []).join(', '))))))] : '',
    h('h2', 'Deployments'),
    api.deployments.length ? table(['ID', 'Created', 'Description'], api.deployments.map((d) => h('tr',
      h('td', h('code', d.id)), h('td', d.createdDate ?? ''), h('td', d.description ?? (d.autoDeployed ? 'auto-deployed' : ''))))) : empty('No deployments.'),
    connectionsSection(api));
  return {
    section: 'apis',
    liveOn: ['change'],
    async render() {
      const api = await getJson(`apis/${encodeURIComponent(id)}`);
      holder = h('div', build(api));
      tryit = api.kind === 'WEBSOCKET' ? wsTryItPanel(api) : tryItPanel(api);
      return h('section', { 'aria-labelledby': 'api-title' },
        h('p', h('a', { href: '#/apis' }, '← All APIs')),
        h('h1', { id: 'api-title' }, api.name, ' ', h(`span.tag.${api.kind}`, api.kind)),
        holder, tryit.element);
    },
    /** A WebSocket API's connections change with the data plane, not the control plane. */
    onEvent(type, data) {
      if (type !== 'request' || data.apiId !== id || (data.method !== 'CONNECT' && data.method !== 'DISCONNECT')) return false;
      this.refresh();
      return true;
    },
    /** Live update: redraw the facts, keep the try-it form as the user left it. */
    async refresh() {
      let api;
      try {
        api = await getJson(`apis/${encodeURIComponent(id)}`);
      } catch {
        holder.replaceChildren(empty('This API no longer exists.'));
        return;
      }
      holder.replaceChildren(build(api));
      tryit.update(api);
    },
  };
}
