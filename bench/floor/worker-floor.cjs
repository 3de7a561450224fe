// The isolation floor with one worker thread per environment: as process-floor.cjs, with
// each environment a worker_threads Worker reached by postMessage (what localgate's worker
// executor keeps: its own globals and env, no process).   node worker-floor.cjs PORT ENVIRONMENTS
'use strict';
const http = require('node:http');
const { Worker, isMainThread, parentPort } = require('node:worker_threads');

if (!isMainThread) {
  const { handler } = require('./handler.cjs');
  parentPort.on('message', async (body) => parentPort.postMessage(JSON.stringify(await handler(JSON.parse(Buffer.from(body))))));
} else {
  const idle = [];
  const queue = [];
  const dispatch = (environment, job) => {
    environment.res = job.res;
    environment.worker.postMessage(job.body);
  };
  for (let i = 0; i < Number(process.argv[3]); i++) {
    const environment = { worker: new Worker(__filename), res: undefined };
    environment.worker.on('message', (text) => {
      environment.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
      const next = queue.shift();
      if (next) dispatch(environment, next);
      else idle.push(environment);
    });
    idle.push(environment);
  }
  http
    .createServer((req, res) => {
      if (req.method !== 'POST') return res.end('ready'); // the bench's start-up probe
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const job = { body: Buffer.concat(chunks), res };
        const environment = idle.pop();
        if (environment) dispatch(environment, job);
        else queue.push(job);
      });
    })
    .listen(Number(process.argv[2]), '127.0.0.1');
}
