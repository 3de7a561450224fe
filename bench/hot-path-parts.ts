// CPU per operation of the hot path's parts that the gateway trims, each the old way and the
// new way, interleaved in one process (on a busy machine whole-request numbers swing more
// than these parts weigh):
// - a built HTTP API event handed to Lambda: stringified, then re-parsed (old) or not (new);
// - a request's async work (20 awaits) inside AsyncLocalStorage (console connected) or not;
// - an invocation's log into CloudWatch Logs: stored per invocation (old) or in batches (new).
//   node --import tsx bench/hot-path-parts.ts
import { AsyncLocalStorage } from 'node:async_hooks';
import { eventV2 } from '../src/execute/http-api/events.ts';
import { gatewayRequest } from '../src/execute/shared/gateway-request.ts';
import { createLogsService } from '../src/services/logs/index.ts';

const REPEAT = 7;

/** Median CPU microseconds per operation over REPEAT runs of `n` operations. */
async function cpuPerOp(n: number, op: () => unknown | Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) await op();
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / n);
  }
  return runs.sort((a, b) => a - b)[Math.floor(REPEAT / 2)];
}

const source = {
  method: 'GET',
  rawQuery: 'a=1&b=2',
  rawHeaders: ['Host', '127.0.0.1:4566', 'User-Agent', 'autocannon', 'Accept', '*/*', 'Connection', 'keep-alive'],
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
};
const req = gatewayRequest(source, { rawPath: '/lambda', stagePath: '/lambda' }, Buffer.alloc(0));
const context = { accountId: '000000000000', apiId: 'abc123', domainName: 'abc123.execute-api.localhost', domainPrefix: 'abc123', requestId: 'Q0aBcDeFgHiJkLm=', routeKey: 'GET /lambda', stage: '$default' };

const payloadOld = () => {
  const bytes = Buffer.from(JSON.stringify(eventV2(req, context)));
  JSON.parse(bytes.toString('utf8'));
};
const payloadNew = () => Buffer.from(JSON.stringify(eventV2(req, context)));

const als = new AsyncLocalStorage<object>();
const work = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve(i);
};
/** A request's work with AsyncLocalStorage's hooks on (they stay on for every promise once
 * run() was called, until disable()), and with them off. */
const observed = () => als.run({}, work);
const plain = () => {
  als.disable();
  return work();
};

const LOG = 'START RequestId: 1 Version: $LATEST\nhello from the handler\nEND RequestId: 1\nREPORT RequestId: 1\tDuration: 1.00 ms\t\n';
const record = { account: '000000000000', region: 'us-east-1', logGroup: '/aws/lambda/fn', logStream: '2026/12/03/[$LATEST]0123', log: LOG, timestamp: Date.now() };
/** Per invocation (flushed at once, as the sink stored before) and batched, each in its own
 * store: one below its event cap, one at its cap (each append then drops the oldest events). */
const sinkWays = (logs: ReturnType<typeof createLogsService>) => [
  () => {
    logs.functionLogs.write(record);
    logs.functionLogs.flush();
  },
  () => logs.functionLogs.write(record), // MAX_PENDING records make a batch
];
const roomy = [createLogsService(100_000_000), createLogsService(100_000_000)];
const capped = [createLogsService(100_000), createLogsService(100_000)];

const rows: Array<[string, string, number, number]> = [];
const compare = async (name: string, n: number, oldWay: () => unknown, newWay: () => unknown, labels: [string, string]) => {
  await cpuPerOp(n, oldWay); // warm-up
  await cpuPerOp(n, newWay);
  const a = await cpuPerOp(n, oldWay);
  const b = await cpuPerOp(n, newWay);
  rows.push([name, `${labels[0]} -> ${labels[1]}`, a, b]);
};
await compare('built event to Lambda', 20_000, payloadOld, payloadNew, ['stringify+parse', 'stringify']);
await compare('20 awaits of a request', 20_000, observed, plain, ['in AsyncLocalStorage', 'plain']);
await compare('invocation log, store not full', 5_000, sinkWays(roomy[0])[0], sinkWays(roomy[1])[1], ['per invocation', 'batched']);
await compare('invocation log, store at cap', 5_000, sinkWays(capped[0])[0], sinkWays(capped[1])[1], ['per invocation', 'batched']);
for (const logs of [...roomy, ...capped]) logs.functionLogs.clear();
for (const [name, how, a, b] of rows) console.log(`${name.padEnd(28)} ${how.padEnd(40)} ${a.toFixed(2).padStart(7)} -> ${b.toFixed(2).padStart(7)} us/op`);
