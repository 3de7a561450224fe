// The Lambda-semantics suites again, with `nodejs*` environments in worker threads inside
// localgate (LOCALGATE_LAMBDA_EXECUTOR=worker, runtime/worker-runtime.ts) instead of a
// process each: invocations, context, errors, timeouts, crashes, memory kills and logs must
// behave alike. What a thread cannot do (a pid or working directory of its own) is skipped
// in those suites under this executor, each with why.
process.env.LOCALGATE_LAMBDA_EXECUTOR = 'worker';

await import('./lambda.test.ts');
await import('./lambda-runtimes.test.ts');
await import('./lambda-module-scope.test.ts');
await import('./security-limits.test.ts');
