import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageRoot } from '../paths.ts';
import { resolveLocalCode, type Uploader } from './local-code.ts';
import { readDeploySource } from './sources.ts';

const fixtures = join(packageRoot, 'test', 'fixtures');

/** Records what would go to S3. */
function recordingUploader() {
  const uploads: Array<{ path: string; key?: string }> = [];
  const uploader: Uploader = {
    async upload(path, key) {
      uploads.push({ path, key });
      return { bucket: 'b', key: key ?? 'k' };
    },
  };
  return { uploads, uploader };
}

describe('local code', () => {
  it('serves cdk.out asset directories hot', async () => {
    const [stack] = readDeploySource(join(fixtures, 'cdk-app', 'cdk.out')).stacks;
    const { uploads, uploader } = recordingUploader();
    const out = await resolveLocalCode(stack.template, stack.baseDir, stack.assetsByKey, uploader);
    const key = stack.template.Resources.Hello4A628BD4.Properties.Code.S3Key;
    assert.deepEqual(out.Resources.Hello4A628BD4.Properties.Code, { S3Bucket: 'hot-reload', S3Key: stack.assetsByKey.get(key) });
    assert.deepEqual(uploads, []);
  });

  it('makes SAM CodeUri absolute and inlines a local DefinitionUri', async () => {
    const [stack] = readDeploySource(join(fixtures, 'deploy', 'sam-app')).stacks;
    const out = await resolveLocalCode(stack.template, stack.baseDir, stack.assetsByKey, recordingUploader().uploader);
    assert.equal(out.Resources.HelloFunction.Properties.CodeUri, join(fixtures, 'deploy', 'sam-app', 'src'));
    assert.equal(out.Resources.Api.Properties.DefinitionUri, undefined);
    assert.equal(out.Resources.Api.Properties.DefinitionBody.info.title, 'sam-app');
    assert.equal(stack.template.Resources.HelloFunction.Properties.CodeUri, 'src/', 'the source template is left as it was');
  });

  it('makes a SAM Globals CodeUri absolute, as sam deploy packages it', async () => {
    const template = { Globals: { Function: { CodeUri: 'src' } }, Resources: { F: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler' } } } };
    const out = await resolveLocalCode(template, join(fixtures, 'deploy', 'sam-app'), new Map(), recordingUploader().uploader);
    assert.equal(out.Globals.Function.CodeUri, join(fixtures, 'deploy', 'sam-app', 'src'));
  });

  it('uploads files (zips) and points the code at them', async () => {
    const zip = join(fixtures, 'serverless-app', '.serverless', 'localgate-sls-fixture.zip');
    const template = { Resources: { F: { Type: 'AWS::Lambda::Function', Properties: { Code: zip } }, L: { Type: 'AWS::Lambda::LayerVersion', Properties: { Content: zip } } } };
    const { uploads, uploader } = recordingUploader();
    const out = await resolveLocalCode(template, '/', new Map(), uploader);
    assert.deepEqual(out.Resources.F.Properties.Code, { S3Bucket: 'b', S3Key: 'k' });
    assert.deepEqual(out.Resources.L.Properties.Content, { S3Bucket: 'b', S3Key: 'k' });
    assert.deepEqual(uploads.map((u) => u.path), [zip, zip]);
  });

  // sessions-with-aws-sam safe-deploy: a layer's ContentUri is a folder (`sam deploy` zips it),
  // and its functions name no CodeUri (the SAM CLI packages the template's folder).
  it('zips a layer folder for upload, the same bytes each time, and gives code-less functions the template folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localgate-layer-'));
    mkdirSync(join(dir, 'layer', 'nodejs'), { recursive: true });
    writeFileSync(join(dir, 'layer', 'nodejs', 'greeting.js'), 'module.exports = 1;');
    const template = {
      Resources: {
        L: { Type: 'AWS::Serverless::LayerVersion', Properties: { ContentUri: 'layer/' } },
        F: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'src/app.handler' } },
        Inline: { Type: 'AWS::Serverless::Function', Properties: { InlineCode: 'x' } },
      },
    };
    const uploaded: string[] = [];
    const uploader: Uploader = {
      async upload(path) {
        uploaded.push(readFileSync(path).toString('base64'));
        return { bucket: 'b', key: basename(path) };
      },
    };
    try {
      const first = await resolveLocalCode(template, dir, new Map(), uploader);
      const second = await resolveLocalCode(template, dir, new Map(), uploader);
      assert.match(first.Resources.L.Properties.ContentUri, /^s3:\/\/b\/[0-9a-f]{64}\.zip$/);
      assert.equal(second.Resources.L.Properties.ContentUri, first.Resources.L.Properties.ContentUri);
      assert.equal(uploaded[0], uploaded[1]);
      assert.equal(Buffer.from(uploaded[0], 'base64').subarray(0, 4).readUInt32LE(0), 0x04034b50);
      assert.equal(first.Resources.F.Properties.CodeUri, dir);
      assert.equal(first.Resources.Inline.Properties.CodeUri, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a local path that does not exist, naming it', async () => {
    const template = { Resources: { F: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'missing/' } } } };
    await assert.rejects(resolveLocalCode(template, '/tmp', new Map(), recordingUploader().uploader), /local code missing\/ does not exist/);
  });
});
