// Small DOM helpers for the console: build elements without innerHTML (all data is text).

/** h('tag.class', {attrs}, ...children): children are nodes, strings or arrays of them. */
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  // Anything but a plain object is the first child: a count of 0 or an empty string too.
  if (attrs !== undefined && attrs !== null && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = undefined;
  }
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export async function getJson(path) {
  const res = await fetch(`/_localgate/api/${path}`);
  if (!res.ok) throw new Error(`${res.status} ${(await res.json().catch(() => ({}))).message ?? ''}`);
  return res.json();
}

/** A page listing what the JSON API answers at `section`: a table of one `row` per item
 * under the title, or the `none` message while there are none. */
export function listPage({ section, title, liveOn = ['change'], columns, row, none }) {
  return {
    section,
    liveOn,
    async render() {
      const { items } = await getJson(section);
      return h('section', { 'aria-labelledby': `${section}-title` },
        h('h1', { id: `${section}-title` }, title),
        items.length ? table(columns, items.map(row)) : empty(none));
    },
  };
}

export function statusClass(status) {
  return status ? `s${String(status)[0]}` : 's5';
}

export function pretty(value) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

export function copyButton(text, what) {
  return h('button', {
    type: 'button',
    'aria-label': `Copy ${what}`,
    onclick: async (e) => {
      try {
        await navigator.clipboard.writeText(text);
        e.target.textContent = 'Copied';
      } catch {
        e.target.textContent = 'Copy failed';
      }
      setTimeout(() => (e.target.textContent = 'Copy'), 1200);
    },
  }, 'Copy');
}

export function kv(pairs) {
  return h('dl.kv', pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [h('dt', k), h('dd', v)]));
}

export function table(headers, rows, caption) {
  return h('table', caption && h('caption.muted', { style: 'text-align:left' }, caption),
    h('thead', h('tr', headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows));
}

export function empty(text) {
  return h('p.empty', text);
}

export function bodyText(body) {
  if (!body) return '';
  if (body.base64Preview !== undefined) return `(binary, ${body.size} bytes) base64 preview:\n${body.base64Preview}`;
  let text = body.text ?? '';
  try {
    text = JSON.stringify(JSON.parse(text), null, 2);
  } catch { /* not JSON: shown as sent */ }
  return body.truncated ? `${text}\n… (${body.size} bytes in all, cut at 64 KB)` : text;
}
