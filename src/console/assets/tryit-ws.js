// "Try it" for WebSocket APIs: connects to a stage's invoke URL from the browser, sends
// messages and shows the frames both ways; each $connect, message and $disconnect also
// appears in the request log.
import { h } from './dom.js';

export function wsTryItPanel(api) {
  const id = (n) => `wstry-${n}`;
  const stage = h('select', { id: id('stage') });
  const message = h('textarea', { id: id('message'), rows: 3, placeholder: '{"action":"sendmessage","data":"hello"}', spellcheck: 'false' });
  const connectButton = h('button', { type: 'button' }, 'Connect');
  const send = h('button.primary', { type: 'submit', disabled: true }, 'Send message');
  const state = h('span.muted', { role: 'status' }, 'Not connected.');
  const frames = h('ol.frames.mono', { 'aria-label': 'Frames', 'aria-live': 'polite', style: 'list-style:none;padding:10px;margin:8px 0;background:var(--code);border-radius:6px;overflow:auto' });
  let socket;
  let current = api;

  const note = (cls, text) => {
    frames.append(h(`li.${cls}`, `${new Date().toLocaleTimeString()}  ${text}`));
    frames.scrollTop = frames.scrollHeight;
  };

  function update(next) {
    current = next;
    const keep = stage.value;
    stage.replaceChildren(...next.stages.map((s) => h('option', { value: s.name }, s.name)));
    if (next.stages.some((s) => s.name === keep)) stage.value = keep;
    connectButton.disabled = !next.stages.length;
  }

  function connected(open) {
    send.disabled = !open;
    stage.disabled = open;
    connectButton.textContent = open ? 'Disconnect' : 'Connect';
  }

  connectButton.addEventListener('click', () => {
    if (socket) {
      socket.close(1000, 'closed from the console');
      return;
    }
    const s = current.stages.find((x) => x.name === stage.value);
    if (!s) return;
    // The path form on localgate's own origin (ws:// or wss:// as the page is served).
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${new URL(s.invokeUrls[0]).pathname}`;
    state.textContent = `Connecting to ${url}…`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      state.textContent = `Connected to ${url}`;
      note('meta', 'connected');
      connected(true);
    };
    ws.onmessage = (e) => note('in', `← ${typeof e.data === 'string' ? e.data : '(binary frame)'}`);
    ws.onclose = (e) => {
      note('meta', `closed: ${e.code}${e.reason ? ` ${e.reason}` : ''}`);
      state.textContent = 'Not connected.';
      socket = undefined;
      connected(false);
    };
  });

  function submit(e) {
    e.preventDefault();
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(message.value);
    note('out', `→ ${message.value}`);
  }

  update(api);
  const lbl = (text, control) => h('div.field', h('label', { for: control.id }, text), control);
  const element = h('section.panel.tryit', { 'aria-labelledby': id('title') },
    h('h2', { id: id('title') }, 'Try it'),
    h('p.muted', 'Connect to a stage from this page and send messages; the route is chosen by the API\'s route selection expression.'),
    h('div.row', lbl('Stage', stage), h('div.field', connectButton), state),
    h('form', { onsubmit: submit }, lbl('Message', message), h('p', send)),
    frames);
  return { element, update };
}
