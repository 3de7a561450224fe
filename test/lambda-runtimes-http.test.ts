// The Lambda-semantics suites again, with localgate's own node and python runtimes forced
// onto the HTTP Runtime API (LOCALGATE_LAMBDA_RUNTIME_TRANSPORT=http) instead of the framed
// channel they use by default: both transports must behave alike (invocations, context,
// errors, timeouts, crashes, memory kills, logs, processes ended with localgate).
process.env.LOCALGATE_LAMBDA_RUNTIME_TRANSPORT = 'http';

await import('./lambda.test.ts');
await import('./lambda-runtimes.test.ts');
await import('./lambda-module-scope.test.ts');
await import('./security-limits.test.ts');
// security-processes.test.ts runs in lambda-runtimes-http-processes.test.ts: it needs to
// start the first pool of its process.
