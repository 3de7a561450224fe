// The task root is a package-scope boundary, as /var/task is on Lambda: hot-reload code that
// lies inside a project whose package.json says "type": "module" still runs as CommonJS
// unless its own package.json says otherwise.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startTestServer, clientConfig } from './helpers.ts';
import type { Localgate } from '../src/app.ts';
import { invokeJson, ROLE } from './fixtures/lambda/zips.ts';

describe('node module type at the task root', () => {
  let app: Localgate;
  let client: LambdaClient;
  let project: string;

  before(async () => {
    app = await startTestServer();
    client = new LambdaClient(clientConfig(app));
    project = mkdtempSync(join(tmpdir(), 'lg-scope-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', type: 'module' }));
  });
  after(async () => {
    client.destroy();
    await app.close();
    rmSync(project, { recursive: true, force: true });
  });

  async function deployDir(name: string, files: Record<string, string>) {
    const dir = join(project, name);
    mkdirSync(join(dir, 'lib'), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    await client.send(
      new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'hot-reload', S3Key: dir } }),
    );
  }

  it('runs a CommonJS index.js (and what it requires) despite a "type": "module" above the code', async () => {
    await deployDir('cjs', {
      'index.js': 'const { word } = require("./lib/word.js");\nexports.handler = async () => ({ kind: typeof module, word });',
      'lib/word.js': 'exports.word = "commonjs";',
    });
    const out = await invokeJson(client, 'cjs');
    assert.equal(out.out.FunctionError, undefined, out.text);
    assert.deepEqual(out.json, { kind: 'object', word: 'commonjs' });
  });

  it('runs an ES module index.js when the code\'s own package.json says "type": "module"', async () => {
    await deployDir('esm', {
      'package.json': JSON.stringify({ type: 'module' }),
      'index.js': 'import { word } from "./lib/word.js";\nexport const handler = async () => ({ kind: typeof module, word });',
      'lib/word.js': 'export const word = "module";',
    });
    const out = await invokeJson(client, 'esm');
    assert.equal(out.out.FunctionError, undefined, out.text);
    assert.deepEqual(out.json, { kind: 'undefined', word: 'module' });
  });
});
