// The live request log: every data-plane request and WebSocket event ($connect, message,
// $disconnect) as it happens, filterable; opening one shows its full story (request, event,
// function response and logs, response or frame sent back, error).
import { bodyText, empty, getJson, h, kv, pretty, statusClass, table } from './dom.js';
import { colorOf, countValues, latencyValues, lineChart, mergePoints } from './chart.js';

function filtersOf(form) {
  return { q: form.q.value.trim().toLowerCase(), status: form.status.value, apiId: form.apiId.value.trim() };
}

function matches(s, f) {
  if (f.apiId && s.apiId !== f.apiId) return false;
  if (f.status && !String(s.status ?? '').startsWith(f.status)) return false;
  if (f.q && !`${s.method} ${s.path} ${s.route ?? ''} ${s.apiId ?? ''} ${s.stage ?? ''} ${s.connectionId ?? ''}`.toLowerCase().includes(f.q)) return false;
  return true;
}

/** What the "response" of an entry is: an HTTP response, a handshake answer or a frame. */
function responseTitle(d) {
  if (d.method === 'CONNECT') return 'Handshake answer';
  if (d.method === 'MESSAGE') return 'Frame sent back';
  if (d.method === 'DISCONNECT') return 'Response';
  return 'Response sent';
}

function storyView(d) {
  const headers = (pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n');
  const message = d.method === 'MESSAGE' || d.method === 'DISCONNECT';
  return h('div', { 'data-testid': 'request-story' },
    h('h2', { id: 'story-title', tabindex: '-1' }, `${d.method} ${d.path}`),
    kv([['Status', d.status === undefined && d.outcome ? h('span.muted', '—') : h(`span.${statusClass(d.status)}`, String(d.status ?? 'no response'))], ['Outcome', d.outcome], ['Latency', d.latencyMs !== undefined ? `${d.latencyMs} ms` : ''],
      ['API', d.apiId ? h('a', { href: `#/apis/${encodeURIComponent(d.apiId)}` }, d.apiId) : ''], ['Kind', d.kind], ['Stage', d.stage],
      ['Connection id', d.connectionId ? h('code', d.connectionId) : ''],
      ['Route / resource', d.route], ['Integration', d.integration], ['Authorizer', d.authorizer], ['Request id', h('code', d.requestId)], ['Time', d.time]]),
    d.error ? [h('h3', 'Error'), h('pre.error', d.error)] : '',
    h('h3', message ? 'Message' : 'Request'),
    message ? '' : h('pre', { 'aria-label': 'Request headers' }, `${d.request.method} ${d.request.path}${d.request.query ? `?${d.request.query}` : ''}\n${headers(d.request.headers)}`),
    !d.request.body ? h('p.muted', 'Recorded while no console was open: bodies and headers were not kept.') : d.request.body.size ? h('pre', { 'aria-label': message ? 'Message body' : 'Request body' }, bodyText(d.request.body)) : message ? h('p.muted', '(no body)') : '',
    d.event !== undefined ? [h('h3', 'Event the function received'), h('pre', { 'aria-label': 'Function event', 'data-testid': 'event' }, pretty(d.event))] : '',
    d.upstream ? [h('h3', 'Upstream request'), h('pre', `${d.upstream.method} ${d.upstream.url}`)] : '',
    d.functionResponse !== undefined ? [h('h3', 'Function response'), h('pre', { 'aria-label': 'Function response' }, pretty(d.functionResponse))] : '',
    d.invocations.map((inv) => [h('h3', `Logs: ${inv.functionName} (${inv.durationMs} ms)`), h('pre', { 'aria-label': `Logs of ${inv.functionName}` }, inv.log)]),
    h('h3', responseTitle(d)),
    !d.response.body ? h('p.muted', `${d.response.status ?? ''} (bodies and headers were not kept)`) : [
      message ? '' : h('pre', { 'aria-label': 'Response headers' }, `${d.response.status ?? ''}\n${headers(d.response.headers)}`),
      d.response.body.size || !message ? h('pre', { 'aria-label': 'Response body' }, bodyText(d.response.body)) : h('p.muted', 'Nothing was sent back.')]);
}

/** The live charts: requests per second and p50/p99 latency, one colour per API. */
function requestCharts() {
  const byApi = new Map();
  let now = 0;
  let windowSeconds = 300;
  const box = h('div.charts', { 'data-testid': 'request-charts' });
  const draw = () => {
    const apis = [...byApi.keys()].sort();
    const counts = apis.map((apiId, i) => ({ name: apiId, color: colorOf(i), values: countValues(byApi.get(apiId), now, windowSeconds) }));
    const latency = apis.flatMap((apiId, i) => ['p50', 'p99'].map((field) => ({
      name: `${apiId} ${field}`, color: colorOf(i), dashed: field === 'p99', values: latencyValues(byApi.get(apiId), now, windowSeconds, field) })));
    box.replaceChildren(
      lineChart({ title: 'Requests per second', unit: 'requests/s', series: counts, now, windowSeconds }),
      lineChart({ title: 'Latency p50 / p99', unit: 'ms', series: latency, now, windowSeconds }));
  };
  const pointsOf = (apiId) => byApi.get(apiId) ?? byApi.set(apiId, new Map()).get(apiId);
  return {
    box,
    async load() {
      const m = await getJson('metrics/requests');
      now = m.now;
      windowSeconds = m.windowSeconds;
      byApi.clear();
      for (const line of m.series) mergePoints(pointsOf(line.apiId), line.points);
      draw();
    },
    /** A finished second from the SSE stream. */
    tick(second) {
      now = Math.max(now, second.t);
      for (const { apiId, ...point } of second.apis) mergePoints(pointsOf(apiId), [point]);
      draw();
    },
  };
}

export function requestsPage(selected) {
  const charts = requestCharts();
  let items = [];
  let tbody;
  let story;
  let form;
  let openId;

  // Few columns, so that status and latency stay in view beside the story; the API, stage,
  // connection and integration are a second line and the story's.
  const row = (s) => h('tr', { class: s.id === openId ? 'selected' : undefined, 'data-id': s.id },
    h('td.nowrap', h('button.link', { type: 'button', 'aria-label': `Open request ${s.id}: ${s.method} ${s.path}`, onclick: () => open(s.id, true) }, new Date(s.time).toLocaleTimeString())),
    h('td.req',
      h('div', h('strong', s.method), ' ', h('code', s.path)),
      h('div.muted.sub', [s.kind, s.apiId, s.stage, s.connectionId ? `connection ${s.connectionId}` : undefined, s.integration].filter(Boolean).join(' · '))),
    h('td', s.route ? h('code', s.route) : ''),
    // A WebSocket event without a status (a $disconnect with no route) is not a failure.
    h('td', h(`span.${s.status === undefined && s.outcome ? 'muted' : statusClass(s.status)}`, String(s.status ?? '—')), s.outcome && s.method !== 'CONNECT' ? h('div.muted.sub', s.outcome) : ''),
    h('td.nowrap', s.latencyMs !== undefined ? `${s.latencyMs} ms` : ''));

  function draw() {
    const f = filtersOf(form);
    const shown = items.filter((s) => matches(s, f));
    tbody.replaceChildren(...shown.map(row));
  }

  async function open(id, focus) {
    openId = id;
    for (const tr of tbody.querySelectorAll('tr')) tr.classList.toggle('selected', Number(tr.dataset.id) === id);
    history.replaceState(null, '', `#/requests/${id}`);
    try {
      story.replaceChildren(storyView(await getJson(`requests/${id}`)));
      if (focus) story.querySelector('#story-title')?.focus();
    } catch (err) {
      story.replaceChildren(h('p.error', `Request ${id} is no longer in the log (${err.message}).`));
    }
  }

  return {
    section: 'requests',
    liveOn: ['change'],
    async render() {
      items = (await getJson('requests?limit=1000')).items;
      await charts.load();
      const input = (name, label, attrs) => h('div.field', h('label', { for: `filter-${name}` }, label), h('input', { id: `filter-${name}`, name, type: 'search', ...attrs }));
      form = h('form.filters', { role: 'search', 'aria-label': 'Filter requests', onsubmit: (e) => e.preventDefault(), oninput: draw },
        input('q', 'Text (method, path, route, stage, connection)', { placeholder: 'GET /hello' }),
        input('apiId', 'API id', { size: 12 }),
        h('div.field', h('label', { for: 'filter-status' }, 'Status'), h('select', { id: 'filter-status', name: 'status' },
          h('option', { value: '' }, 'any'), ['2', '3', '4', '5'].map((c) => h('option', { value: c }, `${c}xx`)))));
      tbody = h('tbody');
      story = h('div.panel', { 'aria-live': 'polite' }, empty('Select a request to see its full story.'));
      const list = table(['Time', 'Request', 'Route', 'Status', 'Latency'], []);
      list.querySelector('tbody').replaceWith(tbody);
      draw();
      if (selected?.startsWith('rid:')) {
        const found = items.find((s) => s.requestId === selected.slice(4));
        if (found) open(found.id, false);
      } else if (selected) open(Number(selected), false);
      return h('section', { 'aria-labelledby': 'requests-title' },
        h('h1', { id: 'requests-title' }, 'Requests'),
        h('p.muted', 'Every data-plane request and WebSocket event, live (the last 1,000).'),
        charts.box,
        form, h('div.split.log', h('div', { style: 'overflow:auto' }, list), story));
    },
    async refresh() {
      items = (await getJson('requests?limit=1000')).items;
      await charts.load();
      draw();
      if (!items.some((s) => s.id === openId)) story.replaceChildren(empty('Select a request to see its full story.'));
    },
    onEvent(type, data) {
      if (type === 'metrics') return charts.tick(data), true;
      if (type !== 'request') return false;
      // Already listed: the page's fetch may have crossed the event on the wire (ids only grow).
      if (items.length && data.id <= items[0].id) return true;
      items.unshift(data);
      if (items.length > 1000) items.pop();
      if (matches(data, filtersOf(form))) tbody.prepend(row(data));
      return true;
    },
  };
}
