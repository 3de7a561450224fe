// "Try it": sends a request to a route or resource of the API through its invoke URL
// (same origin, the path form) and shows the answer; the request also appears in the log.
import { bodyText, h, statusClass } from './dom.js';

/** Method and path pairs the API serves, for the route picker. */
function targets(api) {
  if (api.kind === 'REST') {
    return api.resources.flatMap((r) => r.methods.map((m) => ({ method: m.httpMethod === 'ANY' ? 'GET' : m.httpMethod, path: r.path, label: `${m.httpMethod} ${r.path}` })));
  }
  return api.routes.map((r) => {
    const [method, path] = r.routeKey.includes(' ') ? r.routeKey.split(' ') : ['GET', '/'];
    return { method: method === 'ANY' ? 'GET' : method, path: path.replace(/\{proxy\+\}/, ''), label: r.routeKey };
  });
}

function stageBase(api, stage) {
  const s = api.stages.find((x) => x.name === stage);
  if (!s) return undefined;
  // The first invoke URL is the path form on localgate's own origin.
  return new URL(s.invokeUrls[0]).pathname.replace(/\/$/, '');
}

export function tryItPanel(api) {
  const id = (n) => `tryit-${n}`;
  const stage = h('select', { id: id('stage') });
  const route = h('select', { id: id('route'), 'aria-describedby': id('route-help') });
  const method = h('select', { id: id('method') }, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => h('option', m)));
  const path = h('input.path', { id: id('path'), value: '/', spellcheck: 'false', autocomplete: 'off' });
  const headers = h('textarea', { id: id('headers'), placeholder: 'content-type: application/json', rows: 2 });
  const body = h('textarea', { id: id('body'), placeholder: '{"hello":"world"}', rows: 3 });
  const result = h('div', { id: id('result'), 'aria-live': 'polite' });
  const send = h('button.primary', { type: 'submit' }, 'Send request');

  let current = api;
  function update(next) {
    current = next;
    const keepStage = stage.value;
    stage.replaceChildren(...next.stages.map((s) => h('option', { value: s.name }, s.name)));
    if (next.stages.some((s) => s.name === keepStage)) stage.value = keepStage;
    const keepRoute = route.value;
    const list = targets(next);
    route.replaceChildren(h('option', { value: '' }, '(choose a route)'), ...list.map((t, i) => h('option', { value: String(i) }, t.label)));
    if (keepRoute && Number(keepRoute) < list.length) route.value = keepRoute;
    send.disabled = !next.stages.length;
  }
  route.addEventListener('change', () => {
    const t = targets(current)[Number(route.value)];
    if (!t) return;
    method.value = t.method;
    path.value = t.path || '/';
  });

  async function submit(e) {
    e.preventDefault();
    const base = stageBase(current, stage.value);
    if (!base) return;
    const init = { method: method.value, headers: {} };
    for (const line of headers.value.split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) init.headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    if (body.value && !['GET', 'HEAD'].includes(method.value)) init.body = body.value;
    const p = path.value.startsWith('/') ? path.value : `/${path.value}`;
    result.replaceChildren(h('p.muted', `Sending ${method.value} ${base}${p}…`));
    try {
      const res = await fetch(`${base}${p}`, init);
      const text = await res.text();
      const requestId = res.headers.get('apigw-requestid') ?? res.headers.get('x-amzn-requestid');
      result.replaceChildren(
        h('h3', 'Response ', h(`span.${statusClass(res.status)}`, { 'data-testid': 'tryit-status' }, String(res.status))),
        h('pre', { 'aria-label': 'Response headers' }, [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')),
        h('pre', { 'aria-label': 'Response body', 'data-testid': 'tryit-body' }, bodyText({ text, size: text.length })),
        requestId ? h('p', h('a', { href: `#/requests/rid:${encodeURIComponent(requestId)}` }, 'Open this request in the log')) : '');
    } catch (err) {
      result.replaceChildren(h('p.error', `Request failed: ${err.message}`));
    }
  }

  update(api);
  const lbl = (text, control) => h('div.field', h('label', { for: control.id }, text), control);
  const element = h('section.panel.tryit', { 'aria-labelledby': id('title') },
    h('h2', { id: id('title') }, 'Try it'),
    h('form', { onsubmit: submit },
      h('div.row', lbl('Stage', stage), lbl('Route', route), lbl('Path', path), lbl('Method', method)),
      h('p.muted', { id: id('route-help') }, 'Pick a route to fill in method and path; replace {parameters} with values.'),
      h('div.split', lbl('Headers (one "name: value" a line)', headers), lbl('Body', body)),
      h('p', send)),
    result);
  return { element, update };
}
