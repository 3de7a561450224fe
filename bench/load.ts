// Load helpers for scenarios: autocannon runs, a raw node:http baseline server, child
// processes and their memory.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(opts: { url: string; connections?: number; seconds?: number; method?: string; body?: string; headers?: Record<string, string> }): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 50,
    duration: opts.seconds ?? 5,
    method: (opts.method ?? 'GET') as 'GET',
    body: opts.body,
    headers: opts.headers,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A plain node:http server answering a small JSON body: the raw baseline. */
export async function rawServer(body = '{"ok":true}'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const root = fileURLToPath(new URL('../', import.meta.url));

/** Starts `node ...args` (from the repo root unless `cwd` says) and resolves once `healthUrl` answers (30 s at most). */
export async function startProcess(args: string[], healthUrl: string, env: Record<string, string> = {}, cwd = root): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, ...env } });
  for (let i = 0; i < 1500; i++) {
    try {
      await fetch(healthUrl);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not start`);
}

/** Resident memory (MB) of a process and all its descendants, from /proc (Linux only). */
export function treeRssMb(root: number): number | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  const rssKb = new Map<number, number>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/status`, 'latin1'))?.[1];
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      rssKb.set(Number(name), Number(rss ?? 0));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    total += rssKb.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}
