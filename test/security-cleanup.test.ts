// Issue 17 item 6: code no function or layer refers to any more leaves the disk, on
// DeleteFunction, UpdateFunctionCode, DeleteLayerVersion and reset. Counts files under
// the directory where localgate unpacks code (found from a function's LAMBDA_TASK_ROOT).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteLayerVersionCommand,
  InvokeCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let lambda: LambdaClient;
useClient((server) => new LambdaClient(clientConfig(server)), (server, client) => {
  app = server;
  lambda = client;
});

/** A package of `files` small files besides index.js. */
function pkg(files: number): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'index.js': strToU8('exports.handler = async () => process.env.LAMBDA_TASK_ROOT') };
  for (let i = 0; i < files; i++) entries[`lib/f${i}.txt`] = strToU8(`file ${i}`);
  return zipSync(entries);
}

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}

const create = (name: string, files: number) =>
  lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: pkg(files) } }));

describe('code directories are removed with what uses them', () => {
  test('DeleteFunction, UpdateFunctionCode, DeleteLayerVersion and reset leave no code behind', async () => {
    await create('probe', 0);
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'probe' }));
    const codeRoot = dirname(JSON.parse(Buffer.from(out.Payload!).toString()));
    // probe: its index.js and its zip.
    assert.equal(countFiles(codeRoot), 2);

    await create('big', 500); // 501 files + the zip
    assert.equal(countFiles(codeRoot), 2 + 502);
    await lambda.send(new PublishVersionCommand({ FunctionName: 'big' }));
    // Version 1 keeps the first package; $LATEST gets a new one of 101 files + zip.
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'big', ZipFile: pkg(100) }));
    assert.equal(countFiles(codeRoot), 2 + 502 + 102);
    // Replacing $LATEST's code again drops the 100-file package (version 1 still holds its own).
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'big', ZipFile: pkg(10) }));
    assert.equal(countFiles(codeRoot), 2 + 502 + 12);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'big' }));
    assert.equal(countFiles(codeRoot), 2);

    const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'libs', Content: { ZipFile: pkg(50) } }));
    assert.equal(countFiles(codeRoot), 2 + 52);
    await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'libs', VersionNumber: layer.Version }));
    assert.equal(countFiles(codeRoot), 2);

    await create('more', 300);
    const reset = await fetch(`${app.url}/_localgate/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    assert.deepEqual(readdirSync(codeRoot), []);
  });
});
