// Functions: configuration, code size and hash, warm environments, recent invocations
// with their START/END/REPORT logs.
import { empty, getJson, h, kv, pretty, table } from './dom.js';

export function functionsPage() {
  return {
    section: 'functions',
    liveOn: ['change', 'invocation'],
    async render() {
      const { items } = await getJson('functions');
      const rows = items.map((f) => h('tr',
        h('td', h('a', { href: `#/functions/${encodeURIComponent(f.arn)}` }, f.name)),
        h('td', f.runtime ?? ''), h('td', h('code', f.handler ?? '')), h('td', `${f.memorySize} MB / ${f.timeout} s`),
        h('td', `${f.codeSize} bytes`), h('td', `${f.warm.idle + f.warm.busy}`), h('td', String(f.invocations)),
        h('td', `${f.account} / ${f.region}`)));
      return h('section', { 'aria-labelledby': 'functions-title' },
        h('h1', { id: 'functions-title' }, 'Functions'),
        items.length ? table(['Name', 'Runtime', 'Handler', 'Memory / timeout', 'Code', 'Warm', 'Recent invocations', 'Account / region'], rows) : empty('No functions yet. Create one with CreateFunction.'));
    },
  };
}

export function functionDetailPage(ref) {
  return {
    section: 'functions',
    liveOn: ['change', 'invocation'],
    async render() {
      const f = await getJson(`functions/${encodeURIComponent(ref)}`);
      const envVars = Object.entries(f.environment);
      return h('section', { 'aria-labelledby': 'fn-title' },
        h('p', h('a', { href: '#/functions' }, '← All functions')),
        h('h1', { id: 'fn-title' }, f.name),
        h('div.panel', kv([['ARN', h('code', f.arn)], ['Runtime', f.runtime], ['Handler', h('code', f.handler ?? '')], ['Memory', `${f.memorySize} MB`],
          ['Timeout', `${f.timeout} s`], ['Code size', `${f.codeSize} bytes`], ['Code SHA-256', h('code', f.codeSha256)], ['Hot reload', f.hotReload ? 'yes' : ''],
          ['State', f.state], ['Last modified', f.lastModified], ['Warm environments', `${f.warm.idle} idle, ${f.warm.busy} busy`],
          ['Reserved concurrency', f.reservedConcurrency], ['Versions', f.versions.join(', ')], ['Aliases', f.aliases.map((a) => `${a.name} → ${a.functionVersion}`).join(', ')]])),
        h('h2', 'Environment variables'),
        envVars.length ? table(['Name', 'Value'], envVars.map(([k, v]) => h('tr', h('td', h('code', k)), h('td', h('code', v))))) : empty('None.'),
        h('h2', 'Recent invocations'),
        f.recentInvocations.length ? f.recentInvocations.map((inv, i) => h('details.panel', { open: i === 0 },
          h('summary', `${inv.time} · ${inv.durationMs} ms · `, h('code', inv.requestId), inv.functionError ? [' · ', h('span.error', `${inv.functionError} error`)] : ''),
          h('h3', 'Event'), h('pre', pretty(inv.event)),
          h('h3', 'Response'), h('pre', pretty(inv.response)),
          h('h3', 'Log'), h('pre', { 'aria-label': `Log of invocation ${inv.requestId}` }, inv.log))) : empty('No invocations yet.'));
    },
  };
}
