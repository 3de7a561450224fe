// The isolation floor with one worker thread per environment: as process-floor.cjs, with
// each environment a worker_threads Worker reached by postMessage (what localgate's worker
// executor keeps: its own globals and env, no process).   node worker-floor.cjs PORT ENVIRONMENTS
'use strict';
const { Worker, isMainThread, parentPort } = require('node:worker_threads');

if (!isMainThread) {
  const { handler } = require('./handler.cjs');
  parentPort.on('message', async (body) => parentPort.postMessage(JSON.stringify(await handler(JSON.parse(Buffer.from(body))))));
} else {
  const { serveFloor } = require('./dispatch.cjs');
  const environments = Array.from({ length: Number(process.argv[3]) }, () => {
    const worker = new Worker(__filename);
    return { send: (body) => worker.postMessage(body), onAnswer: (callback) => worker.on('message', callback) };
  });
  serveFloor(Number(process.argv[2]), environments);
}
