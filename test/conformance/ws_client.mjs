// A line-oriented WebSocket client for the Python scripts (no Python WebSocket library is
// installed): connects to argv[2]; each stdin line is sent as a text frame; every event is
// printed as one JSON line: {"event":"open"}, {"event":"message","data":...},
// {"event":"close","code":...}, {"event":"rejected","status":...} (handshake refused),
// {"event":"error","message":...}. Lines read before the socket opens wait for it; closing
// stdin closes the socket once it is open.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const ws = new WebSocket(process.argv[2]);
let opened;
const open = new Promise((resolve) => (opened = resolve));
ws.on('open', () => {
  say({ event: 'open' });
  opened();
});
ws.on('message', (data) => say({ event: 'message', data: data.toString() }));
ws.on('unexpected-response', (_req, res) => {
  say({ event: 'rejected', status: res.statusCode });
  process.exit(0);
});
ws.on('close', (code) => {
  say({ event: 'close', code });
  process.exit(0);
});
ws.on('error', (err) => say({ event: 'error', message: err.message }));
createInterface({ input: process.stdin })
  .on('line', (line) => open.then(() => ws.send(line)))
  .on('close', () => open.then(() => ws.close(1000)));
