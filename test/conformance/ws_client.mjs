// A line-oriented WebSocket client for the Python scripts (no Python WebSocket library is
// installed): connects to argv[2]; each stdin line is sent as a text frame; every event is
// printed as one JSON line: {"event":"open"}, {"event":"message","data":...},
// {"event":"close","code":...}, {"event":"error","message":...}. Closing stdin closes the socket.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const ws = new WebSocket(process.argv[2]);
ws.on('open', () => say({ event: 'open' }));
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
  .on('line', (line) => ws.send(line))
  .on('close', () => ws.close(1000));
