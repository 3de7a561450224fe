// What both isolation floors share: a bare node:http server handing each POST body to an
// idle environment, one request per environment at a time, the rest queued in order.
// `environments` are `{ send(body), onAnswer(callback(body)) }`: send hands over a request
// body (a Buffer), onAnswer registers what receives the environment's answers (bytes or text).
'use strict';
const http = require('node:http');

function serveFloor(port, environments) {
  const idle = [];
  const queue = [];
  const dispatch = (environment, job) => {
    environment.res = job.res;
    environment.send(job.body);
  };
  for (const environment of environments) {
    environment.onAnswer((body) => {
      environment.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
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
    .listen(port, '127.0.0.1');
}

module.exports = { serveFloor };
