// Stacks: CloudFormation stacks with their status; one stack's resources (linked to the
// API and function pages), events (newest first), outputs and parameters.
import { empty, getJson, h, kv, listPage, table } from './dom.js';

const stackHref = (s) => `#/stacks/${encodeURIComponent(s.stackId)}`;
const failed = (status) => /FAILED|ROLLBACK/.test(status ?? '');
const statusCell = (status) => h('td', failed(status) ? h('span.error', status) : status);

export function stacksPage() {
  return listPage({
    section: 'stacks',
    title: 'Stacks',
    columns: ['Name', 'Status', 'Account / region', 'Created', 'Updated'],
    row: (s) => h('tr',
      h('td', h('a', { href: stackHref(s) }, s.name)), statusCell(s.status),
      h('td', `${s.account} / ${s.region}`), h('td', s.createdTime), h('td', s.lastUpdatedTime ?? '')),
    none: 'No stacks yet. Deploy one with `localgate deploy` or CreateStack.',
  });
}

export function stackDetailPage(ref) {
  return {
    section: 'stacks',
    liveOn: ['change'],
    async render() {
      const s = await getJson(`stacks/${encodeURIComponent(ref)}`);
      const physical = (r) => (r.link ? h('a', { href: `#/${r.link.page}/${encodeURIComponent(r.link.id)}` }, r.physicalId) : h('code', r.physicalId ?? ''));
      return h('section', { 'aria-labelledby': 'stack-title' },
        h('p', h('a', { href: '#/stacks' }, '← All stacks')),
        h('h1', { id: 'stack-title' }, s.name),
        h('div.panel', kv([['Stack ID', h('code', s.stackId)], ['Status', s.status], ['Status reason', s.statusReason], ['Description', s.description],
          ['Account / region', `${s.account} / ${s.region}`], ['Created', s.createdTime], ['Updated', s.lastUpdatedTime], ['Deleted', s.deletionTime]])),
        h('h2', 'Resources'),
        s.resources.length ? table(['Logical ID', 'Type', 'Physical ID', 'Status', 'Reason'], s.resources.map((r) => h('tr',
          h('td', r.logicalId), h('td', h('code', r.type)), h('td', physical(r)), statusCell(r.status), h('td', r.statusReason ?? '')))) : empty('No resources.'),
        h('h2', 'Outputs'),
        s.outputs.length ? table(['Key', 'Value', 'Export name', 'Description'], s.outputs.map((o) => h('tr',
          h('td', o.key), h('td', h('code', o.value ?? '')), h('td', o.exportName ?? ''), h('td', o.description ?? '')))) : empty('No outputs.'),
        h('h2', 'Parameters'),
        s.parameters.length ? table(['Key', 'Value'], s.parameters.map((p) => h('tr', h('td', p.key), h('td', h('code', p.value))))) : empty('No parameters.'),
        h('h2', 'Events'),
        table(['Time', 'Logical ID', 'Type', 'Status', 'Reason'], s.events.map((e) => h('tr',
          h('td', e.timestamp), h('td', e.logicalId), h('td', h('code', e.type)), statusCell(e.status), h('td', e.statusReason ?? '')))));
    },
  };
}
