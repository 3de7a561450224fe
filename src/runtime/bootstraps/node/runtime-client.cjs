// How the node bootstrap talks to localgate: the framed channel on the descriptor that
// LOCALGATE_RUNTIME_CHANNEL names (frames.cjs), else the Lambda Runtime API over HTTP
// (AWS_LAMBDA_RUNTIME_API). Both give the same client:
//   next()                  -> the next event {requestId, deadlineMs, invokedArn, traceId,
//                              clientContext?, cognitoIdentity?, body}
//   respond(requestId, text, andNext), fail(requestId, errorBody, andNext), initFail(errorBody)
//                           -> resolve once localgate has (or will surely get) the bytes.
//                              `andNext`: the runtime asks for the next event right after,
//                              which the channel sends in the same write (one syscall and
//                              one wake-up of localgate instead of two); never when the
//                              process is about to exit, else an event could be handed to it.
//                              On the channel a result carries the process's peak memory
//                              (peakKb), which localgate would otherwise read from /proc.
const { openSync, readSync } = require('node:fs');
const net = require('node:net');
const { FRAME, FrameReader, writeFrame, writeFrames } = require('./frames.cjs');

function runtimeClient() {
  const fd = process.env.LOCALGATE_RUNTIME_CHANNEL;
  // Not the function's business, nor its child processes'.
  delete process.env.LOCALGATE_RUNTIME_CHANNEL;
  return fd ? channelClient(Number(fd)) : httpClient(process.env.AWS_LAMBDA_RUNTIME_API);
}

// The process's peak resident memory in kB (VmHWM of /proc/self/status, what localgate reads
// for REPORT's Max Memory Used and MemorySize), undefined where there is no /proc. Read again
// only when the process has page-faulted since the last read: resident memory grows only
// through page faults, so without one the peak stands (faults are counted before the read,
// so one during it is seen next time). Most invocations fault nothing: one getrusage call.
// The file stays open (close-on-exec): each read from offset 0 regenerates it.
// Taken now: the function's code may replace what it likes on fs and process.
const { resourceUsage } = process;
const statusBuffer = Buffer.alloc(4096);
let statusFd;
let faultsAtRead = -1;
let peakKb;
function peakMemoryKb() {
  const usage = resourceUsage();
  const faults = usage.minorPageFault + usage.majorPageFault;
  if (faults === faultsAtRead || statusFd === -1) return peakKb;
  faultsAtRead = faults;
  try {
    statusFd ??= openSync('/proc/self/status', 'r');
    const text = statusBuffer.toString('latin1', 0, readSync(statusFd, statusBuffer, 0, statusBuffer.length, 0));
    const m = /VmHWM:\s+(\d+) kB/.exec(text);
    peakKb = m ? Number(m[1]) : undefined;
  } catch {
    // no /proc: localgate reads nothing either
    statusFd = -1;
    peakKb = undefined;
  }
  return peakKb;
}

function channelClient(fd) {
  const socket = new net.Socket({ fd, readable: true, writable: true });
  const events = [];
  let waiter;
  const reader = new FrameReader(
    (type, head, body) => {
      if (type !== FRAME.INVOKE) return;
      const event = { ...head, body };
      if (waiter) {
        const wake = waiter;
        waiter = undefined;
        wake(event);
      } else events.push(event);
    },
    () => process.exit(1),
  );
  socket.on('data', (chunk) => reader.push(chunk));
  // localgate closed its end: it is stopping this environment (and kills its processes).
  socket.on('error', () => {});
  // NEXT was already sent with the last response or error.
  let nextSent = false;
  const send = (type, head, body, andNext) =>
    new Promise((resolve) => {
      if (!andNext) return writeFrame(socket, type, head, body, () => resolve());
      writeFrames(socket, [[type, head, body], [FRAME.NEXT]], () => resolve());
      nextSent = true;
    });
  return {
    next() {
      if (events.length) return Promise.resolve(events.shift());
      if (!nextSent) writeFrame(socket, FRAME.NEXT, undefined);
      nextSent = false;
      return new Promise((resolve) => {
        waiter = resolve;
      });
    },
    respond: (requestId, text, andNext) => send(FRAME.RESPONSE, { requestId, peakKb: peakMemoryKb() }, text, andNext),
    fail: (requestId, body, andNext) => send(FRAME.ERROR, { requestId, errorType: body.errorType, peakKb: peakMemoryKb() }, JSON.stringify(body), andNext),
    initFail: (body) => send(FRAME.INIT_ERROR, { errorType: body.errorType }, JSON.stringify(body)),
  };
}

function httpClient(address) {
  // Loaded only here: the channel's runtimes start without node's HTTP stack.
  const http = require('node:http');
  const [host, port] = address.split(':');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method, urlPath, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host, port: Number(port), method, path: `/2018-06-01/runtime${urlPath}`, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const postError = (urlPath, body) => call('POST', urlPath, JSON.stringify(body), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': body.errorType });
  return {
    async next() {
      const { headers, body } = await call('GET', '/invocation/next');
      return {
        requestId: String(headers['lambda-runtime-aws-request-id']),
        deadlineMs: Number(headers['lambda-runtime-deadline-ms']),
        invokedArn: headers['lambda-runtime-invoked-function-arn'],
        traceId: headers['lambda-runtime-trace-id'],
        clientContext: headers['lambda-runtime-client-context'],
        cognitoIdentity: headers['lambda-runtime-cognito-identity'],
        body,
      };
    },
    respond: (requestId, text) => call('POST', `/invocation/${requestId}/response`, text, { 'Content-Type': 'application/json' }),
    fail: (requestId, body) => postError(`/invocation/${requestId}/error`, body),
    initFail: (body) => postError('/init/error', body),
  };
}

module.exports = { runtimeClient };
