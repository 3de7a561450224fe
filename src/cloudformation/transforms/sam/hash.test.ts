import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idHash, sortedJson } from './hash.ts';

describe('SAM logical-id hashes', () => {
  it('serialises as Python json.dumps(sort_keys=True, separators=(",", ":")) does', () => {
    assert.equal(sortedJson({ b: [1, { d: null, c: true }], a: 'é\u2028' }), '{"a":"\\u00e9\\u2028","b":[1,{"c":true,"d":null}]}');
  });

  it('gives the suffixes samtranslator gives (values computed with Python)', () => {
    // The version of a function with S3 code and an environment (Python: sha1 of the sorted JSON).
    assert.equal(idHash({ S3Bucket: 'b', S3Key: 'worker.zip', Variables: { TABLE: { Ref: 'Stage' }, MODE: 'fast' } }), '18d3dfe939');
    assert.equal(
      idHash({ SharedLayer: { Type: 'AWS::Serverless::LayerVersion', Properties: { LayerName: 'shared', ContentUri: 's3://b/layer.zip', CompatibleRuntimes: ['nodejs20.x'], RetentionPolicy: 'Delete' } } }),
      '188ed149fd',
    );
  });

  it('hashes a string as it is, and nothing for empty data', () => {
    assert.equal(idHash('abc'), 'a9993e3647');
    assert.equal(idHash('abc', 40), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(idHash(''), '');
    assert.equal(idHash({}), '');
  });
});
