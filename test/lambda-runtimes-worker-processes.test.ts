// security-processes.test.ts with node runtimes in worker threads (see
// lambda-runtimes-worker.test.ts), in a process of its own: one of its tests needs the first
// environment pool of the process. The localgate it starts (the CLI) inherits the variable.
process.env.LOCALGATE_LAMBDA_EXECUTOR = 'worker';

await import('./security-processes.test.ts');
