// The console's shell: hash routing between pages, the live SSE connection, reset.
import { h } from './dom.js';
import { overviewPage } from './overview.js';
import { apiDetailPage, apisPage } from './apis.js';
import { functionDetailPage, functionsPage } from './functions.js';
import { requestsPage } from './requests.js';
import { stackDetailPage, stacksPage } from './stacks.js';

const main = document.getElementById('main');
const live = document.getElementById('live');
/** The page on screen: { section, onEvent?(type, data) }. */
let current;
let renderSeq = 0;

function route() {
  const [section = '', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const id = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  switch (section) {
    case 'apis': return id ? apiDetailPage(id) : apisPage();
    case 'functions': return id ? functionDetailPage(id) : functionsPage();
    case 'stacks': return id ? stackDetailPage(id) : stacksPage();
    case 'requests': return requestsPage(id);
    default: return overviewPage();
  }
}

async function show(focus) {
  const seq = ++renderSeq;
  const page = route();
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === page.section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  let view;
  try {
    view = await page.render();
  } catch (err) {
    view = h('div', h('h1', 'Something went wrong'), h('p.error', String(err.message ?? err)));
  }
  if (seq !== renderSeq) return;
  main.dataset.section = page.section;
  main.replaceChildren(view);
  current = page;
  if (focus) main.focus();
}

/** Re-renders the current page in place (live updates), keeping focus where it can. */
async function refresh() {
  if (!current?.refresh) return show(false);
  await current.refresh();
}

window.addEventListener('hashchange', () => show(true));

function connect() {
  const source = new EventSource('/_localgate/api/events');
  source.onopen = () => {
    live.textContent = 'live';
    live.classList.add('on');
  };
  source.onerror = () => {
    live.textContent = 'reconnecting…';
    live.classList.remove('on');
  };
  for (const type of ['request', 'change', 'invocation', 'metrics']) {
    source.addEventListener(type, (e) => {
      const data = JSON.parse(e.data);
      if (current?.onEvent?.(type, data)) return;
      if (current?.liveOn?.includes(type)) refresh();
    });
  }
}

document.getElementById('reset').addEventListener('click', async () => {
  if (!confirm('Reset localgate? Every API, function, stack and logged request is removed.')) return;
  await fetch('/_localgate/reset', { method: 'POST' });
  live.textContent = 'reset done';
  await show(false);
});

connect();
show(false);
