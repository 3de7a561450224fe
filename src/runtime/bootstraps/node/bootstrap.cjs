// localgate's bootstrap for the nodejs* runtimes: loads the handler named by _HANDLER from
// LAMBDA_TASK_ROOT and serves invocations as the managed Node.js runtime does, through
// localgate's framed channel or the Lambda Runtime API (runtime-client.cjs). Plain
// CommonJS: it starts without a compiler, and without node's ES module loader, which costs
// a cold start about 8 ms of CPU (the loader still comes, at once, for a handler that is an
// ES module). localgate's watcher (src/runtime/watcher.ts)
// ends it, with everything it started, when localgate goes away.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const { runtimeClient } = require('./runtime-client.cjs');
const { followResponseUrl } = require('./response-url.cjs');

const runtime = runtimeClient();
// Like the managed runtime, the process stays up while a handler awaits a promise that never
// settles: idle keep-alive sockets do not hold node's event loop, this timer does.
setInterval(() => {}, 2 ** 30);

let currentRequestId;
// Log lines as the managed runtime writes them: timestamp, request id, level, message.
function writeLog(level, args) {
  const line = `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${util.format(...args)}\n`;
  fs.writeSync(1, line);
}
console.log = (...a) => writeLog('INFO', a);
console.info = (...a) => writeLog('INFO', a);
console.warn = (...a) => writeLog('WARN', a);
console.error = (...a) => writeLog('ERROR', a);
console.debug = (...a) => writeLog('DEBUG', a);
console.trace = (...a) => writeLog('TRACE', a);

function errorBody(err) {
  if (err instanceof Error) {
    return { errorType: err.name === 'Error' && err.constructor?.name ? err.constructor.name : err.name, errorMessage: err.message, trace: String(err.stack ?? '').split('\n') };
  }
  // A thrown non-Error (a string, an object) is reported by its type, as the managed runtime does.
  return { errorType: typeof err, errorMessage: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err), trace: [] };
}

class RuntimeError extends Error {
  constructor(name, message, cause) {
    super(message);
    this.name = name;
    if (cause?.stack) this.stack = `${name}: ${message}\n${String(cause.stack).split('\n').slice(1).join('\n')}`;
  }
}

async function loadHandler() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  const full = process.env._HANDLER ?? '';
  if (full.includes('..')) throw new RuntimeError('Runtime.MalformedHandlerName', "'..' is not allowed in handler name.");
  const base = path.basename(full);
  const dir = full.slice(0, full.length - base.length);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const moduleName = base.slice(0, dot);
  const handlerPath = base.slice(dot + 1);
  const modulePath = path.resolve(taskRoot, dir, moduleName);
  let mod;
  try {
    mod = await loadModule(modulePath, moduleName);
  } catch (err) {
    if (err instanceof RuntimeError) throw err;
    if (err instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`, err);
    // Also a module the handler's module requires, as the managed runtime reports it.
    if (err?.code === 'MODULE_NOT_FOUND') throw new RuntimeError('Runtime.ImportModuleError', `Error: ${err.message}`, err);
    throw err;
  }
  let fn = mod;
  for (const part of handlerPath.split('.')) fn = fn?.[part];
  if (fn === undefined) throw new RuntimeError('Runtime.HandlerNotFound', `${base} is undefined or not exported`);
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${base} is not a function`);
  return fn;
}

// On Lambda the task root has no parent package.json, so the nearest package.json at or below
// LAMBDA_TASK_ROOT decides whether a .js file is ESM, and none above it counts. localgate may
// run code where it lies (hot reload), inside a project whose own package.json says
// "type": "module"; Node would take that one. `moduleScopeType` answers as Lambda would; the
// handler is loaded by it, and so is every .js file require()d under the task root. (Files an
// ES module imports still follow Node's own scope lookup: a loader hook, module.register, would
// cover them, but on Node 20 it runs in a thread of its own, which costs every start.)
const TASK_ROOT = fs.realpathSync(path.resolve(process.env.LAMBDA_TASK_ROOT ?? '.'));

function isUnderTaskRoot(file) {
  const rel = path.relative(TASK_ROOT, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** 'module' or 'commonjs' for a .js file under the task root, ignoring anything above it. */
function moduleScopeType(file) {
  for (let d = path.dirname(fs.realpathSync(file)); ; d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (d === TASK_ROOT || path.dirname(d) === d) return 'commonjs';
  }
}

// require(): Node's .js loader refuses a file whose package scope (found past the task root)
// says "module"; compile such files as CommonJS when the task-root-bounded scope says so.
const nodeJsLoader = Module._extensions['.js'];
Module._extensions['.js'] = function loadJs(module, filename) {
  if (isUnderTaskRoot(filename) && moduleScopeType(filename) === 'commonjs') {
    module._compile(fs.readFileSync(filename, 'utf8'), filename);
    return;
  }
  nodeJsLoader.call(this, module, filename);
};

async function loadModule(modulePath, moduleName) {
  const require = Module.createRequire(path.join(process.env.LAMBDA_TASK_ROOT, 'index.js'));
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = modulePath + ext;
    if (!fs.existsSync(file)) continue;
    if (ext === '.mjs' || (ext === '.js' && moduleScopeType(file) === 'module')) return import(pathToFileURL(file).href);
    return require(file);
  }
  try {
    return require(modulePath);
  } catch (err) {
    if (err?.code === 'MODULE_NOT_FOUND' && String(err.message).includes(`'${modulePath}'`)) {
      throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${__filename}`, err);
    }
    throw err;
  }
}

function makeContext(next, done) {
  const parse = (h) => {
    try {
      return h ? JSON.parse(h) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: next.invokedArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: next.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: parse(next.cognitoIdentity),
    clientContext: parse(next.clientContext),
    getRemainingTimeInMillis: () => Math.max(0, next.deadlineMs - Date.now()),
    done: (err, result) => done(err, result),
    succeed: (result) => done(null, result),
    fail: (err) => done(err ?? new Error('handled')),
  };
}

function runHandler(handler, event, next) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) reject(err);
      else resolve(result);
    };
    const context = makeContext(next, done);
    try {
      const out = handler(event, context, done);
      if (out && typeof out.then === 'function') out.then((v) => done(null, v), (e) => done(e ?? new Error('Promise rejected')));
    } catch (err) {
      done(err);
    }
  });
}

function fatal(err, kind) {
  const body = errorBody(err);
  if (kind) body.errorType = kind;
  writeLog('ERROR', [`${kind ?? 'Uncaught Exception'} \t${JSON.stringify(body)}`]);
  (currentRequestId ? runtime.fail(currentRequestId, body) : runtime.initFail(body)).finally(() => process.exit(129));
}
process.on('uncaughtException', (err) => fatal(err));
process.on('unhandledRejection', (reason) => fatal(reason instanceof Error ? reason : new Error(String(reason)), 'Runtime.UnhandledPromiseRejection'));

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (err) {
    writeLog('ERROR', [`Init Error \t${JSON.stringify(errorBody(err))}`]);
    await runtime.initFail(errorBody(err)).catch(() => {});
    process.exit(1);
  }

  for (;;) {
    const next = await runtime.next();
    currentRequestId = next.requestId;
    if (next.traceId) process.env._X_AMZN_TRACE_ID = String(next.traceId);
    let event;
    try {
      event = JSON.parse(next.body.toString('utf8') || 'null');
    } catch (err) {
      await runtime.fail(currentRequestId, errorBody(err), true);
      continue;
    }
    followResponseUrl(event);
    try {
      const result = await runHandler(handler, event, next);
      await runtime.respond(currentRequestId, JSON.stringify(result === undefined ? null : result) ?? 'null', true);
    } catch (err) {
      writeLog('ERROR', [`Invoke Error \t${JSON.stringify(errorBody(err))}`]);
      await runtime.fail(currentRequestId, errorBody(err), true);
    }
    currentRequestId = undefined;
  }
}

main();
