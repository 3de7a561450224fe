// The worker executor (`--lambda-executor worker`): a `nodejs*` execution environment runs
// in a worker_threads Worker inside localgate instead of a process of its own. The worker
// gets its own globals, module registry and process.env (the function's variables and
// Lambda's), a JS heap limited to the function's MemorySize, and runs the same bootstrap
// as a process (bootstraps/node/worker.cjs sets the thread up, then loads bootstrap.cjs).
// The Runtime API exchange travels as messages on a MessagePort of its own; this class is
// that transport (transport.ts) plus the thread's lifecycle.
//
// What a thread cannot give (README, "Sizing and speed"): the working directory is
// localgate's (and process.chdir throws), the time zone is localgate's, a native addon that
// crashes takes localgate down, and memory is the thread's heap and buffers, not a process's RSS.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { LambdaExecutor } from '../config.ts';
import { packageRoot } from '../paths.ts';
import { CHANNEL_VARIABLE } from './channel.ts';
import { SUPPORTED_RUNTIMES } from './runtimes.ts';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, type InvocationEvent, type RuntimeCallbacks, type RuntimeTransport } from './transport.ts';
import { WorkerMemory } from './worker-memory.ts';

/** How `nodejs*` environments run: a process each (default), or a worker thread each. */
export type Executor = LambdaExecutor;

/** LOCALGATE_LAMBDA_EXECUTOR=worker when nothing else chooses (see PoolOptions.executor). */
export function defaultExecutor(env: NodeJS.ProcessEnv = process.env): Executor {
  return env.LOCALGATE_LAMBDA_EXECUTOR === 'worker' ? 'worker' : 'process';
}

/** Whether this runtime runs in a worker under this executor: only node ones do. */
export function runsInWorker(runtime: string, executor: Executor): boolean {
  return executor === 'worker' && SUPPORTED_RUNTIMES[runtime] === 'node';
}

const WORKER_BOOTSTRAP = join(packageRoot, 'src', 'runtime', 'bootstraps', 'node', 'worker.cjs');

/** Messages the worker posts (worker.cjs); `mb` is its memory then (heap + buffers). */
type FromWorker =
  | { t: 'next'; mb: number }
  | { t: 'memory'; mb: number }
  | { t: 'signal'; mb: number; signal: string }
  | { t: 'response'; mb: number; requestId: string; body: string; next?: boolean }
  | { t: 'error'; mb: number; requestId: string; errorType?: string; body: string; next?: boolean }
  | { t: 'initError'; mb: number; errorType?: string; body: string };

export interface WorkerRuntimeOptions {
  /** The environment variables of the function (launch.ts), its process.env. */
  env: Record<string, string>;
  memoryMb: number;
  /** The environment's output file: the worker's descriptors 1 and 2 write here. */
  logPath: string;
  callbacks: RuntimeCallbacks;
  /** The worker posted something that is not the exchange: the environment should end. */
  onBroken: (why: string) => void;
  /** The thread ended, with why as Lambda words it ("exit status 3", "signal: killed"). */
  onExit: (reason: string) => void;
}

export class WorkerRuntime implements RuntimeTransport {
  readonly memory: WorkerMemory;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** The worker's own descriptor on the output file, closed when the thread has ended. */
  private logFd: number;
  private terminated = false;
  /** The signal the function sent its own process, which ended the thread instead (worker.cjs). */
  private signal?: string;
  private exited = false;

  constructor(private readonly opts: WorkerRuntimeOptions) {
    this.memory = new WorkerMemory(opts.memoryMb, () => this.terminate());
    const env = { ...opts.env };
    delete env[CHANNEL_VARIABLE];
    this.logFd = openSync(opts.logPath, 'a');
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = this.startThread(env, port2);
    const toLog = (chunk: Buffer) => {
      if (this.logFd >= 0) writeSync(this.logFd, chunk);
    };
    this.worker.stdout.on('data', toLog);
    this.worker.stderr.on('data', toLog);
    this.port.on('message', (message: unknown) => this.onMessage(message));
    this.worker.on('error', (err: NodeJS.ErrnoException) => {
      // Over its heap limit V8 stops the thread: Lambda's out-of-memory end.
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.memory.exceeded = true;
      else toLog(Buffer.from(`localgate: the worker failed: ${err.stack ?? err.message}\n`));
    });
    this.worker.on('exit', (code) => this.onExitEvent(code));
  }

  private startThread(env: Record<string, string>, port: MessagePort): Worker {
    try {
      return new Worker(WORKER_BOOTSTRAP, {
        env,
        // Not localgate's own flags (e.g. a TypeScript loader): a runtime starts bare, as a process does.
        execArgv: [],
        argv: [],
        // The old generation holds what a function keeps; MemorySize bounds it as on Lambda.
        resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
        // Output the worker.cjs redirection misses still goes to the log, never to localgate's.
        stdout: true,
        stderr: true,
        workerData: { port, logFd: this.logFd },
        transferList: [port],
      });
    } catch (err) {
      closeSync(this.logFd);
      throw err;
    }
  }

  deliver(event: InvocationEvent) {
    if (!this.exited) this.port.postMessage(event);
  }

  /** Stops the thread (as the process executor's SIGKILL: an endless loop included). */
  terminate() {
    if (this.exited || this.terminated) return;
    this.terminated = true;
    void this.worker.terminate();
  }

  close() {
    this.terminate();
  }

  private onExitEvent(code: number) {
    // What the thread posted before it ended is answered first (a response, or an error
    // before process.exit): messages on our own port are not drained by node on exit.
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.onMessage(m.message);
    this.exited = true;
    this.port.close();
    closeSync(this.logFd);
    this.logFd = -1;
    // Worded as the process executor words a process's end (environment.ts).
    const signal = this.terminated || this.memory.exceeded ? 'SIGKILL' : this.signal;
    this.opts.onExit(signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`);
  }

  private onMessage(raw: unknown) {
    if (this.exited) return;
    const m = raw as FromWorker;
    if (!m || typeof m !== 'object' || typeof m.mb !== 'number') return this.opts.onBroken(`runtime port: unexpected message`);
    this.memory.note(m.mb);
    const cb = this.opts.callbacks;
    switch (m.t) {
      case 'next':
        return cb.next(this);
      case 'memory':
        return void this.memory.check();
      case 'signal':
        this.signal = String(m.signal);
        return;
      case 'initError':
        return cb.initError(Buffer.from(String(m.body)), m.errorType);
      case 'response':
      case 'error': {
        const body = Buffer.from(String(m.body));
        const requestId = String(m.requestId);
        let settle: (() => void) | undefined;
        if (body.length > MAX_RESPONSE_BYTES) settle = cb.error(requestId, Buffer.from(JSON.stringify(RESPONSE_TOO_LARGE)), RESPONSE_TOO_LARGE.errorType);
        else settle = m.t === 'response' ? cb.response(requestId, body) : cb.error(requestId, body, m.errorType);
        settle?.();
        // The runtime asks for its next event in the same message.
        if (m.next === true) cb.next(this);
        return;
      }
      default:
        return this.opts.onBroken(`runtime port: unknown message type ${String((m as { t: unknown }).t)}`);
    }
  }
}
