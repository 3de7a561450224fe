// The isolation floor with one process per environment: a bare node:http server that hands
// each request body to one of ENVIRONMENTS child processes over a socket at descriptor 3
// (u32 length + bytes each way), one request per child at a time, others queued; the child
// calls the handler and answers its JSON. No Lambda semantics at all (no ids, limits, logs,
// timeouts): what the isolation itself costs on this machine, which no emulator that keeps
// a process per environment can beat.   node process-floor.cjs PORT ENVIRONMENTS
'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');

if (process.argv[2] === 'child') {
  const { handler } = require('./handler.cjs');
  const socket = new net.Socket({ fd: 3 });
  readFrames(socket, async (body) => socket.write(frame(Buffer.from(JSON.stringify(await handler(JSON.parse(body)))))));
} else {
  const { serveFloor } = require('./dispatch.cjs');
  const environments = Array.from({ length: Number(process.argv[3]) }, () => {
    const child = spawn(process.execPath, [__filename, 'child'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
    const socket = child.stdio[3];
    return { send: (body) => socket.write(frame(body)), onAnswer: (callback) => readFrames(socket, callback) };
  });
  serveFloor(Number(process.argv[2]), environments);
}

function frame(body) {
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

function readFrames(socket, onFrame) {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32BE(0)) {
      const length = buffered.readUInt32BE(0);
      onFrame(buffered.subarray(4, 4 + length));
      buffered = buffered.subarray(4 + length);
    }
  });
}
