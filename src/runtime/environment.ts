// One execution environment: a child process running a runtime, talking to localgate
// through a transport (transport.ts): its own Runtime API server, or the framed channel
// localgate's own bootstraps use. It initialises once, then runs one invocation at a time.
// A timeout or crash ends it; nothing the function does reaches the localgate process.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { randomBytes, randomFillSync } from 'node:crypto';
import { getSystemErrorMap } from 'node:util';
import { FrameChannel } from './channel.ts';
import { launchFor, runtimeVersionLine, type FunctionSpec, type TransportChoice } from './launch.ts';
import { RuntimeApi } from './runtime-api.ts';
import type { RuntimeCallbacks, RuntimeTransport } from './transport.ts';
import { endLine, reportLine, startLine, type LogPrinter } from './logs.ts';
import { MemoryLimit } from './memory.ts';
import { InvocationLog, OutputFile } from './output.ts';
import { TAG_VARIABLE } from './reaper.ts';
import { forgetGroup, watchGroup } from './watcher.ts';
import { runsInWorker, WorkerRuntime, type Executor } from './worker-runtime.ts';

export interface Invocation {
  requestId: string;
  payload: Buffer;
  /** The ARN the caller used (qualified when invoked by version or alias). */
  invokedArn: string;
  clientContext?: string;
  cognitoIdentity?: string;
}

export interface Outcome {
  payload: Buffer;
  functionError?: 'Unhandled';
  /** This invocation's log: START, the function's output, END and REPORT. */
  log: string;
  /** The environment's CloudWatch Logs stream (AWS_LAMBDA_LOG_STREAM_NAME). */
  logStream: string;
}

/** Init has 10 s of its own before the invocation's timeout starts counting (AWS). */
const INIT_LIMIT_MS = 10_000;

// Random bytes for trace ids, drawn from a block refilled now and then rather than asked
// of the crypto library twice per invocation.
const randomBlock = Buffer.alloc(4096);
let randomUsed = randomBlock.length;
function randomHex(bytes: number): string {
  if (randomUsed + bytes > randomBlock.length) {
    randomFillSync(randomBlock);
    randomUsed = 0;
  }
  randomUsed += bytes;
  return randomBlock.toString('hex', randomUsed - bytes, randomUsed);
}

interface InFlight {
  inv: Invocation;
  resolve: (o: Outcome) => void;
  deliveredAt?: number;
  timer?: NodeJS.Timeout;
  /** What is kept of its log (and printed as it comes). */
  log: InvocationLog;
  cold: boolean;
}

export class ExecutionEnvironment {
  state: 'init' | 'idle' | 'busy' | 'dead' = 'init';
  lastUsed = Date.now();
  private api?: RuntimeApi;
  private channel?: FrameChannel;
  private child?: ChildProcess;
  /** The transport whose runtime asked for work and waits for it. */
  private waiting?: RuntimeTransport;
  private current?: InFlight;
  private initError?: Buffer;
  /** Why the process could not be started at all (Runtime.InvalidEntrypoint). */
  private startError?: string;
  private startedAt = 0;
  private initDurationMs?: number;
  private output?: OutputFile;
  private initTimer?: NodeJS.Timeout;
  private exitReason = 'signal: killed';
  private memory?: Pick<MemoryLimit, 'exceeded' | 'check' | 'reportMb' | 'close'>;
  /** The runtime's thread, under the worker executor (instead of `child`). */
  private worker?: WorkerRuntime;
  private logStream = '';
  /** Whether an invocation was handed over yet: the first one's log starts with init's output. */
  private handedOver = false;

  constructor(
    readonly spec: FunctionSpec,
    private readonly workDir: string,
    /** LOCALGATE_PROCESS_TAG of this environment's processes (see reaper.ts). */
    readonly tag: string,
    /** Prints the function's output as it comes (none when quiet). */
    private readonly printer: LogPrinter | undefined,
    private readonly onEnd: (env: ExecutionEnvironment) => void,
    /** The framed channel for localgate's own runtimes (default), or HTTP for every runtime. */
    private readonly transport: TransportChoice = 'channel',
    /** Where a `nodejs*` runtime runs: its own process, or a worker thread of localgate's. */
    private readonly executor: Executor = 'process',
  ) {}

  get pid() {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.startedAt = performance.now();
    const callbacks: RuntimeCallbacks = {
      next: (transport) => this.onNext(transport),
      response: (id, body, peakKb) => this.finish(id, body, undefined, peakKb),
      error: (id, body, _errorType, peakKb) => this.finish(id, body, 'Unhandled', peakKb),
      initError: (body) => {
        this.initError = body;
      },
    };
    // Always there, also beside the channel: AWS_LAMBDA_RUNTIME_API works for code that reads it.
    this.api = await RuntimeApi.start(callbacks);
    const launch = launchFor(this.spec, this.api.address, this.transport);
    launch.env[TAG_VARIABLE] = this.tag;
    this.logStream = launch.env.AWS_LAMBDA_LOG_STREAM_NAME;
    this.output = new OutputFile(join(this.workDir, `env-${randomBytes(6).toString('hex')}.log`));
    this.output.append(`${runtimeVersionLine(this.spec)}\n`);
    if (launch.entrypointError) {
      this.initError = Buffer.from(JSON.stringify(launch.entrypointError));
      queueMicrotask(() => this.end('exit status 127'));
      return;
    }
    if (runsInWorker(this.spec.runtime, this.executor)) return this.startWorker(launch.env, callbacks);
    // Own process group (killed whole on timeout, and by the watcher if localgate dies).
    // The channel, when the runtime speaks it, is one more socket (descriptor CHANNEL_FD).
    const stdio: StdioOptions = ['ignore', this.output.descriptor, this.output.descriptor];
    if (launch.channel) stdio.push('pipe');
    const child = spawn(launch.command, launch.args, { cwd: this.spec.codeDir, env: launch.env, stdio, detached: true });
    this.child = child;
    if (child.pid) watchGroup(child.pid);
    if (launch.channel && child.stdio[3]) {
      this.channel = new FrameChannel(child.stdio[3] as Duplex, callbacks, (why) => {
        this.output?.append(`localgate: ${why}; the environment is stopped\n`);
        this.kill();
      });
    }
    // Over its MemorySize the process is killed, as Lambda does; its exit fails the invocation.
    this.memory = new MemoryLimit(child.pid, this.spec.memoryMb, () => this.kill());
    child.on('error', (err: NodeJS.ErrnoException) => {
      // As Lambda words it: "fork/exec /var/task/bootstrap: permission denied".
      const why = (err.errno !== undefined && getSystemErrorMap().get(err.errno)?.[1]) || err.message;
      this.startError = `fork/exec ${launch.command}: ${why}`;
      this.end('exit status 127');
    });
    child.on('exit', (code, signal) => this.end(signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`));
    this.initTimer = setTimeout(() => this.timeOut(INIT_LIMIT_MS + this.spec.timeoutSec * 1000), INIT_LIMIT_MS + this.spec.timeoutSec * 1000);
  }

  /** The runtime in a worker thread (worker-runtime.ts) instead of a process. */
  private startWorker(env: Record<string, string>, callbacks: RuntimeCallbacks) {
    this.worker = new WorkerRuntime({
      env,
      memoryMb: this.spec.memoryMb,
      logPath: this.output!.path,
      callbacks,
      onBroken: (why) => {
        this.output?.append(`localgate: ${why}; the environment is stopped\n`);
        this.kill();
      },
      onExit: (reason) => this.end(reason),
    });
    this.memory = this.worker.memory;
    this.initTimer = setTimeout(() => this.timeOut(INIT_LIMIT_MS + this.spec.timeoutSec * 1000), INIT_LIMIT_MS + this.spec.timeoutSec * 1000);
  }

  /** Runs one invocation; the environment must be idle or initialising with no work. */
  invoke(inv: Invocation): Promise<Outcome> {
    return new Promise((resolve) => {
      const cold = this.state === 'init';
      this.current = { inv, resolve, log: new InvocationLog(this.printer?.write), cold };
      // Ended before it got work (e.g. no bootstrap): report why at once.
      if (this.state === 'dead') return this.complete(this.exitPayload(this.exitReason), 'Unhandled');
      if (this.state === 'idle') this.state = 'busy';
      if (this.waiting) this.deliver(this.waiting);
    });
  }

  private onNext(transport: RuntimeTransport) {
    if (this.state === 'init') {
      clearTimeout(this.initTimer);
      this.initDurationMs = performance.now() - this.startedAt;
      this.state = this.current ? 'busy' : 'idle';
    }
    if (this.current && this.current.deliveredAt === undefined) this.deliver(transport);
    else this.waiting = transport;
  }

  private deliver(transport: RuntimeTransport) {
    const cur = this.current!;
    this.waiting = undefined;
    cur.deliveredAt = performance.now();
    // What came before the first START is init's output. Later, what a function prints after
    // answering is read with the next invocation's output, after its START, as on Lambda,
    // where such callbacks resume when the environment is thawed for the next invocation.
    // So a warm invocation reads the output file once, when it ends (a syscall saved).
    if (!this.handedOver) this.output!.drain((text) => cur.log.add(text));
    this.handedOver = true;
    cur.log.add(startLine(cur.inv.requestId, this.spec.version));
    const deadline = Date.now() + this.spec.timeoutSec * 1000;
    cur.timer = setTimeout(() => this.timeOut(this.spec.timeoutSec * 1000), this.spec.timeoutSec * 1000);
    transport.deliver({
      requestId: cur.inv.requestId,
      deadlineMs: deadline,
      invokedArn: cur.inv.invokedArn,
      traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomHex(12)};Parent=${randomHex(8)};Sampled=0`,
      clientContext: cur.inv.clientContext ? Buffer.from(cur.inv.clientContext, 'base64').toString('utf8') : undefined,
      cognitoIdentity: cur.inv.cognitoIdentity,
      payload: cur.inv.payload,
    });
  }

  private finish(requestId: string, payload: Buffer, functionError: 'Unhandled' | undefined, peakKb: number | undefined): (() => void) | undefined {
    const cur = this.current;
    if (!cur || cur.inv.requestId !== requestId || cur.deliveredAt === undefined) return undefined;
    // Over its memory at some point (the peak says so even after a drop): it is being
    // killed, and its exit fails the invocation.
    if (this.memory?.check(peakKb)) return () => {};
    return () => {
      this.complete(payload, functionError, { peakRead: true });
      this.state = 'idle';
      this.lastUsed = Date.now();
    };
  }

  /** Ends the invocation in flight; `trailer` is logged after REPORT, `status` goes in it;
   * `peakRead`: the memory peak was just read or reported (reading /proc costs ~10 us). */
  private complete(payload: Buffer, functionError: 'Unhandled' | undefined, end: { trailer?: string; status?: 'timeout'; peakRead?: boolean } = {}) {
    const cur = this.current!;
    this.current = undefined;
    clearTimeout(cur.timer);
    const durationMs = cur.deliveredAt === undefined ? 0 : performance.now() - cur.deliveredAt;
    // Never handed over: all output so far belongs to the init phase, before START.
    const log = cur.log;
    if (cur.deliveredAt === undefined) {
      this.output?.drain((text) => log.add(text));
      log.add(startLine(cur.inv.requestId, this.spec.version));
    }
    this.output?.drain((text) => log.add(text));
    this.printer?.flush();
    log.add(endLine(cur.inv.requestId));
    log.add(
      reportLine({
        requestId: cur.inv.requestId,
        durationMs,
        memoryMb: this.spec.memoryMb,
        maxMemoryMb: this.memory?.reportMb(!end.peakRead),
        initDurationMs: cur.cold ? this.initDurationMs : undefined,
        status: end.status,
      }),
    );
    log.add(end.trailer ?? '');
    cur.resolve({ payload, functionError, log: log.text(), logStream: this.logStream });
  }

  private timeOut(limitMs: number) {
    const cur = this.current;
    if (cur) {
      // As Lambda answers a timeout today: Sandbox.Timedout, and REPORT ends "Status: timeout".
      const errorMessage = `RequestId: ${cur.inv.requestId} Error: Task timed out after ${(limitMs / 1000).toFixed(2)} seconds`;
      this.kill();
      this.complete(Buffer.from(JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage })), 'Unhandled', { status: 'timeout' });
    }
    this.end('timed out');
  }

  /** The process ended (or never started): fail the invocation in flight, release all. */
  private end(reason: string) {
    if (this.state === 'dead') return;
    this.state = 'dead';
    clearTimeout(this.initTimer);
    this.exitReason = reason;
    if (this.current) {
      const payload = this.exitPayload(reason);
      // Lambda logs why, after REPORT, for a function killed over its memory or not started.
      const { errorType, errorMessage } = JSON.parse(payload.toString());
      const trailer = this.memory?.exceeded || this.startError ? `${errorMessage}\n${errorType}\n` : '';
      this.complete(payload, 'Unhandled', { trailer });
    }
    this.dispose();
    this.onEnd(this);
  }

  /** What an invocation gets when the runtime is gone: Runtime.OutOfMemory when killed
   * over its memory, Runtime.InvalidEntrypoint when it could not start, else its init
   * error, or Runtime.ExitError. */
  private exitPayload(reason: string): Buffer {
    const errorMessage = `RequestId: ${this.current!.inv.requestId} Error: Runtime exited with error: ${reason}`;
    if (this.memory?.exceeded) return Buffer.from(JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage }));
    if (this.startError) return Buffer.from(JSON.stringify({ errorType: 'Runtime.InvalidEntrypoint', errorMessage: `RequestId: ${this.current!.inv.requestId} Error: ${this.startError}` }));
    return this.initError ?? Buffer.from(JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }));
  }

  private kill() {
    this.worker?.terminate();
    const pid = this.child?.pid;
    if (pid && this.child?.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
  }

  /** Stops the process and frees the Runtime API port, the channel and the log file. */
  dispose() {
    this.kill();
    if (this.child?.pid) forgetGroup(this.child.pid);
    this.waiting = undefined;
    this.api?.close();
    this.channel?.close();
    const wasAlive = this.state !== 'dead';
    this.state = 'dead';
    clearTimeout(this.initTimer);
    if (this.current) this.complete(this.exitPayload('signal: killed'), 'Unhandled');
    this.memory?.close();
    this.output?.close();
    if (wasAlive) this.onEnd(this);
  }
}
