// Functions: configuration, code size and hash, warm environments, recent invocations
// with their START/END/REPORT logs.
import { empty, getJson, h, kv, listPage, pretty, table } from './dom.js';
import { colorOf, countValues, latencyValues, lineChart, mergePoints } from './chart.js';

export function functionsPage() {
  return listPage({
    section: 'functions',
    title: 'Functions',
    liveOn: ['change', 'invocation'],
    columns: ['Name', 'Runtime', 'Handler', 'Memory / timeout', 'Code', 'Warm', 'Recent invocations', 'Account / region'],
    row: (f) => h('tr',
      h('td', h('a', { href: `#/functions/${encodeURIComponent(f.arn)}` }, f.name)),
      h('td', f.runtime ?? ''), h('td', h('code', f.handler ?? '')), h('td', `${f.memorySize} MB / ${f.timeout} s`),
      h('td', `${f.codeSize} bytes`), h('td', `${f.warm.idle + f.warm.busy}`), h('td', String(f.invocations)),
      h('td', `${f.account} / ${f.region}`)),
    none: 'No functions yet. Create one with CreateFunction.',
  });
}

function invocationsView(f) {
  return f.recentInvocations.length ? f.recentInvocations.map((inv, i) => h('details.panel', { open: i === 0 },
    h('summary', `${inv.time} · ${inv.durationMs} ms · `, h('code', inv.requestId), inv.functionError ? [' · ', h('span.error', `${inv.functionError} error`)] : ''),
    h('h3', 'Event'), h('pre', pretty(inv.event)),
    h('h3', 'Response'), h('pre', pretty(inv.response)),
    h('h3', 'Log'), h('pre', { 'aria-label': `Log of invocation ${inv.requestId}` }, inv.log))) : empty('No invocations yet.');
}

/** A function's live charts: invocations and cold starts per second, p50/p99 duration. */
function invocationCharts(ref) {
  const points = new Map();
  let now = 0;
  let windowSeconds = 300;
  const box = h('div.charts', { 'data-testid': 'function-charts' });
  const draw = () => box.replaceChildren(
    lineChart({ title: 'Invocations per second', unit: 'invocations/s', now, windowSeconds, series: [
      { name: 'invocations', color: colorOf(0), values: countValues(points, now, windowSeconds) },
      { name: 'cold starts', color: colorOf(1), values: countValues(points, now, windowSeconds, 'coldStarts') }] }),
    lineChart({ title: 'Duration p50 / p99', unit: 'ms', now, windowSeconds, series: [
      { name: 'p50', color: colorOf(0), values: latencyValues(points, now, windowSeconds, 'p50') },
      { name: 'p99', color: colorOf(0), dashed: true, values: latencyValues(points, now, windowSeconds, 'p99') }] }));
  return {
    box,
    async load() {
      const m = await getJson(`metrics/functions/${encodeURIComponent(ref)}`);
      now = m.now;
      windowSeconds = m.windowSeconds;
      points.clear();
      mergePoints(points, m.points);
      draw();
    },
    tick(second, arn) {
      now = Math.max(now, second.t);
      const mine = second.functions.find((f) => f.functionArn === arn);
      if (mine) mergePoints(points, [mine]);
      draw();
    },
  };
}

export function functionDetailPage(ref) {
  const charts = invocationCharts(ref);
  let arn;
  let logLines = [];
  let filter;
  let logList;
  let invocationsBox;

  function drawLogs() {
    const wanted = filter.value.trim().toLowerCase();
    const shown = logLines.filter((l) => !wanted || l.requestId.toLowerCase().includes(wanted));
    logList.replaceChildren(...(shown.length ? shown.map((l) => h('li', { 'data-request-id': l.requestId },
      h('code.rid', l.requestId.slice(0, 8)), ' ', h('span.line', l.line))) : [h('li.muted', logLines.length ? 'No line of a matching invocation.' : 'No logs yet.')]));
  }

  /** Re-reads the invocations and their logs (live, when this function ran), keeping the filter. */
  async function update() {
    const [f, logs] = await Promise.all([getJson(`functions/${encodeURIComponent(ref)}`), getJson(`functions/${encodeURIComponent(ref)}/logs`)]);
    logLines = logs.items;
    invocationsBox.replaceChildren(...[invocationsView(f)].flat());
    drawLogs();
  }

  return {
    section: 'functions',
    liveOn: ['change'],
    async render() {
      const [f, logs] = await Promise.all([getJson(`functions/${encodeURIComponent(ref)}`), getJson(`functions/${encodeURIComponent(ref)}/logs`)]);
      arn = f.arn;
      logLines = logs.items;
      await charts.load();
      const envVars = Object.entries(f.environment);
      filter = h('input', { id: 'log-filter', type: 'search', placeholder: 'request id', oninput: drawLogs });
      logList = h('ol.loglines', { 'aria-label': 'Function logs', 'aria-live': 'polite' });
      invocationsBox = h('div', invocationsView(f));
      drawLogs();
      return h('section', { 'aria-labelledby': 'fn-title' },
        h('p', h('a', { href: '#/functions' }, '← All functions')),
        h('h1', { id: 'fn-title' }, f.name),
        h('div.panel', kv([['ARN', h('code', f.arn)], ['Runtime', f.runtime], ['Handler', h('code', f.handler ?? '')], ['Memory', `${f.memorySize} MB`],
          ['Timeout', `${f.timeout} s`], ['Code size', `${f.codeSize} bytes`], ['Code SHA-256', h('code', f.codeSha256)], ['Hot reload', f.hotReload ? 'yes' : ''],
          ['State', f.state], ['Last modified', f.lastModified], ['Warm environments', `${f.warm.idle} idle, ${f.warm.busy} busy`],
          ['Reserved concurrency', f.reservedConcurrency], ['Versions', f.versions.join(', ')], ['Aliases', f.aliases.map((a) => `${a.name} → ${a.functionVersion}`).join(', ')]])),
        h('h2', 'Invocations'),
        charts.box,
        h('h2', 'Environment variables'),
        envVars.length ? table(['Name', 'Value'], envVars.map(([k, v]) => h('tr', h('td', h('code', k)), h('td', h('code', v))))) : empty('None.'),
        h('h2', 'Logs'),
        h('form.filters', { role: 'search', 'aria-label': 'Filter logs', onsubmit: (e) => e.preventDefault() },
          h('div.field', h('label', { for: 'log-filter' }, 'Request id'), filter)),
        h('div.panel', logList),
        h('h2', 'Recent invocations'),
        invocationsBox);
    },
    onEvent(type, data) {
      if (type === 'metrics') return charts.tick(data, arn), true;
      if (type !== 'invocation') return false;
      if (data.functionArn === arn) update().catch(() => {});
      return true;
    },
  };
}
