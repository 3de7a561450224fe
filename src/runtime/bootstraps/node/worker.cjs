// The node bootstrap in a worker thread (src/runtime/worker-runtime.ts, the worker executor).
// It sets the thread up to look, to the function, like the process the other executor starts,
// then runs the same bootstrap.cjs:
// - the Runtime API exchange goes over the MessagePort localgate transferred (workerData),
//   as messages: runtimeClient() of runtime-client.cjs is replaced by one speaking them
//   before bootstrap.cjs reads it;
// - descriptors 1 and 2 mean the environment's log, as in a process whose stdout and stderr
//   are the log file: fs writes to them and process.stdout/stderr go to the descriptor
//   localgate opened on that file (a thread shares localgate's own descriptors otherwise);
// - every message carries the thread's memory (JS heap + buffers, worker-memory.ts), and a
//   timer reports growth while the thread is free, for MemorySize.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const v8 = require('node:v8');
const Module = require('node:module');
const workerThreads = require('node:worker_threads');

const { port, logFd } = workerThreads.workerData;
// Not the function's business.
delete workerThreads.workerData.port;
delete workerThreads.workerData.logFd;

const logged = (fd) => (fd === 1 || fd === 2 ? logFd : fd);
const { writeSync, write, writev } = fs;
fs.writeSync = function (fd, ...rest) {
  return writeSync.call(this, logged(fd), ...rest);
};
fs.write = function (fd, ...rest) {
  return write.call(this, logged(fd), ...rest);
};
fs.writev = function (fd, ...rest) {
  return writev.call(this, logged(fd), ...rest);
};
Module.syncBuiltinESMExports();
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, done) => {
    const callback = typeof encoding === 'function' ? encoding : done;
    writeSync(logFd, typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk);
    if (callback) process.nextTick(callback);
    return true;
  };
}

/** This thread's memory in MB: what its isolate holds. */
function memoryMb() {
  const heap = v8.getHeapStatistics();
  return (heap.total_heap_size + heap.external_memory) / 1048576;
}
let reportedMb = 0;
setInterval(() => {
  const mb = memoryMb();
  if (mb < reportedMb + 1) return;
  reportedMb = mb;
  port.postMessage({ t: 'memory', mb });
}, 50).unref();

function post(message) {
  message.mb = memoryMb();
  reportedMb = Math.max(reportedMb, message.mb);
  port.postMessage(message);
  return Promise.resolve();
}

// localgate's pid is this thread's too: a signal the function sends its own process
// (process.kill(process.pid), process.abort()) would end localgate. It ends this thread
// instead, reported as the process executor reports a process ended by that signal.
// Signals that end no process (0, SIGCHLD, SIGCONT, SIGURG, SIGWINCH) go through.
const { kill } = process;
const HARMLESS = new Set([0, os.constants.signals.SIGCHLD, os.constants.signals.SIGCONT, os.constants.signals.SIGURG, os.constants.signals.SIGWINCH]);
function endBy(signal) {
  port.postMessage({ t: 'signal', mb: memoryMb(), signal });
  process.exit(1);
}
process.kill = function (pid, signal = 'SIGTERM') {
  const number = typeof signal === 'number' ? signal : os.constants.signals[signal];
  if ((Number(pid) !== process.pid && Number(pid) !== 0) || number === undefined || HARMLESS.has(number)) return kill.call(process, pid, signal);
  endBy(Object.keys(os.constants.signals).find((name) => os.constants.signals[name] === number));
};
process.abort = () => endBy('SIGABRT');

function portClient() {
  const events = [];
  let waiter;
  // The request for the next event already went with the last response or error (`andNext`,
  // see runtime-client.cjs): one message, one wake-up of localgate, instead of two.
  let nextSent = false;
  port.on('message', (event) => {
    const body = Buffer.from(event.payload.buffer, event.payload.byteOffset, event.payload.byteLength);
    const next = { ...event, payload: undefined, body };
    if (waiter) {
      const wake = waiter;
      waiter = undefined;
      wake(next);
    } else events.push(next);
  });
  return {
    next() {
      if (events.length) return Promise.resolve(events.shift());
      if (!nextSent) post({ t: 'next' });
      nextSent = false;
      return new Promise((resolve) => {
        waiter = resolve;
      });
    },
    respond: (requestId, text, andNext) => post({ t: 'response', requestId, body: text, next: (nextSent = !!andNext) }),
    fail: (requestId, body, andNext) => post({ t: 'error', requestId, errorType: body.errorType, body: JSON.stringify(body), next: (nextSent = !!andNext) }),
    initFail: (body) => post({ t: 'initError', errorType: body.errorType, body: JSON.stringify(body) }),
  };
}

require('./runtime-client.cjs').runtimeClient = portClient;
require('./bootstrap.cjs');
