// localgate installed as a user installs it: `npm pack`, then `npm install ./localgate-x.tgz`
// into an empty folder with no registry (`--offline`: the package needs no other package at
// run time). From there the CLI serves, the API works from ES modules and CommonJS with its
// types, and the README's node:test, Vitest and Jest examples run as written.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { packageRoot } from '../src/paths.ts';

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run('npm', args, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
const node = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) => run(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });

const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');

/** The README's fenced blocks under a `### heading`, keyed by the file named on their first line (`// name`). */
function exampleFiles(heading: string): Record<string, string> {
  const from = readme.indexOf(`### ${heading}\n`);
  assert.ok(from !== -1, heading);
  const next = readme.slice(from + 4).search(/\n##+ /);
  const section = readme.slice(from, next === -1 ? undefined : from + 4 + next);
  const files: Record<string, string> = {};
  for (const [, body] of section.matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)) {
    const name = /^\/\/ (\S+)/.exec(body)![1];
    files[name] = body;
  }
  return files;
}

function writeExample(dir: string, files: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

describe('the packed package, installed', { concurrency: false, timeout: 900_000 }, () => {
  let work: string;
  let project: string;
  let packed: { filename: string; files: { path: string }[] };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'localgate-pack-'));
    // prepack builds dist/ first.
    const { stdout } = await npm(['pack', '--json', '--pack-destination', work], packageRoot);
    packed = JSON.parse(stdout.slice(stdout.indexOf('[')))[0];
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', version: '1.0.0', private: true }));
    await npm(['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  // Data files read at run time (found from paths.ts's packageRoot) must be listed in package.json's `files`.
  it('holds only what a user needs: the bundle, models, bootstraps, console assets, data files, licence', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'bin/localgate.js', 'dist/localgate.mjs', 'dist/index.mjs', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts',
      'src/models/lambda.json', 'src/runtime/bootstraps/node/bootstrap.cjs', 'src/runtime/bootstraps/python/bootstrap.py', 'src/console/assets/index.html',
      'src/cloudformation/resources/lambda/response-modules/cfn-response.js', 'src/services/iam/documents/ReadOnlyAccess.json']) {
      assert.ok(paths.includes(needed), `${needed} is not in the package`);
    }
    const unexpected = paths.filter((p) => /\.ts$/.test(p) && !p.endsWith('.d.ts') || p.startsWith('test/') || p.startsWith('scripts/') || p.startsWith('bench/'));
    assert.deepEqual(unexpected, []);
  });

  it('installs with no other package (nothing from the registry, no devDependency)', () => {
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.')), ['localgate']);
  });

  it('`npx localgate --version` and `npx localgate start --port 0` serve health', async () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    assert.equal((await run('npx', ['--offline', 'localgate', '--version'], { cwd: project, encoding: 'utf8' })).stdout, `${version}\n`);
    const child = spawn('npx', ['--offline', 'localgate', 'start', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    try {
      let out = '';
      const endpoint = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /AWS endpoint: +(http:\/\/localhost:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const health = await (await fetch(`${endpoint}/_localgate/health`)).json();
      assert.equal(health.status, 'running');
      assert.match(await (await fetch(`${endpoint}/_localgate/`)).text(), /<html/i);
    } finally {
      // npx runs localgate in its own process group: end the group, as Ctrl-C would.
      process.kill(-child.pid!, 'SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('the API works from an ES module and from CommonJS, functions included', async () => {
    // Creates and invokes a function through raw API calls (no SDK installed here).
    const script = (load: string) => `${load}
(async () => {
  const localgate = await startLocalgate();
  const auth = { Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x', 'Content-Type': 'application/json' };
  const zip = ${JSON.stringify(Buffer.from(zipSync({ 'index.js': strToU8('exports.handler = async (event) => event;') })).toString('base64'))};
  const created = await fetch(localgate.endpoint + '/2015-03-31/functions', { method: 'POST', headers: auth, body: JSON.stringify({ FunctionName: 'echo', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: zip } }) });
  const invoked = await fetch(localgate.endpoint + '/2015-03-31/functions/echo/invocations', { method: 'POST', headers: auth, body: JSON.stringify({ from: 'installed' }) });
  console.log(JSON.stringify({ port: localgate.port, created: created.status, answer: await invoked.json() }));
  await localgate.stop();
})();
`;
    writeFileSync(join(project, 'api.mjs'), script("import { startLocalgate } from 'localgate';"));
    writeFileSync(join(project, 'api.cjs'), script("const { startLocalgate } = require('localgate');"));
    for (const file of ['api.mjs', 'api.cjs']) {
      const out = JSON.parse((await node([file], project)).stdout);
      assert.ok(out.port > 0, file);
      assert.equal(out.created, 201, file);
      assert.deepEqual(out.answer, { from: 'installed' }, file);
    }
  });

  it('its types check from ES modules and from CommonJS', async () => {
    writeFileSync(join(project, 'typed.mts'), `import { startLocalgate, type LocalgateInstance, type DeployedStack } from 'localgate';
const instance: LocalgateInstance = await startLocalgate({ port: 0, accountId: '123456789012', forwardUrl: 'http://localhost:8000' });
const stacks: DeployedStack[] = await instance.deploy('template.yaml', { stackName: 's', parameters: { A: '1' } });
const url: string = stacks[0].apis[0].url + instance.endpoint;
// @ts-expect-error: port is a number
await startLocalgate({ port: '4566' });
await instance.stop();
export { url };
`);
    writeFileSync(join(project, 'typed.cts'), `import { startLocalgate } from 'localgate';
export const started: Promise<number> = startLocalgate({ quiet: false }).then((instance) => instance.port);
`);
    const tsc = join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await node([tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(packageRoot, 'node_modules', '@types'), 'typed.mts', 'typed.cts'], project);
  });

  describe('the README\'s test-runner examples', () => {
    before(() => {
      // What the examples import besides localgate, as the user's project would have them.
      for (const name of ['@aws-sdk/client-lambda', 'fflate', 'vitest', 'jest']) {
        mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
        symlinkSync(join(packageRoot, 'node_modules', name), join(project, 'node_modules', name));
      }
    });

    it('node:test', async () => {
      const dir = join(project, 'node-test');
      writeExample(dir, exampleFiles('node:test'));
      // As a user runs it, not as a child of this test run (NODE_TEST_CONTEXT would make it report to us).
      const { NODE_TEST_CONTEXT, ...env } = process.env;
      const { stdout } = await node(['--test', '--test-reporter=tap', 'localgate.test.mjs'], dir, env);
      assert.match(stdout, /\n# pass 1\n# fail 0\n/);
    });

    it('Vitest', async () => {
      const dir = join(project, 'vitest');
      writeExample(dir, exampleFiles('Vitest'));
      const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');
      const { stdout } = await node([vitest, 'run'], dir, { ...process.env, CI: '1', NO_COLOR: '1' });
      assert.match(stdout, /Tests +1 passed \(1\)/);
    });

    it('Jest', async () => {
      const dir = join(project, 'jest');
      writeExample(dir, exampleFiles('Jest'));
      const jest = join(project, 'node_modules', 'jest', 'bin', 'jest.js');
      const { stderr } = await node([jest], dir, { ...process.env, CI: '1', NO_COLOR: '1' });
      assert.match(stderr, /Tests: +1 passed, 1 total/);
    });
  });
});
