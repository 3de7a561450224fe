// security-processes.test.ts with localgate's own runtimes on the HTTP Runtime API (see
// lambda-runtimes-http.test.ts), in a process of its own: one of its tests needs the first
// environment pool of the process.
process.env.LOCALGATE_LAMBDA_RUNTIME_TRANSPORT = 'http';

await import('./security-processes.test.ts');
