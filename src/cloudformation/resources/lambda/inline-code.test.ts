import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { inlineZip } from './inline-code.ts';

const files = (zip: Buffer) => Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, data]) => [name, strFromU8(data)]));

test('Node.js source goes to index.js with the cfn-response module beside it', () => {
  const out = files(inlineZip('exports.handler = async () => 1;', 'nodejs20.x'));
  assert.deepEqual(Object.keys(out).sort(), ['index.js', 'node_modules/cfn-response/index.js']);
  assert.equal(out['index.js'], 'exports.handler = async () => 1;');
  assert.match(out['node_modules/cfn-response/index.js'], /exports\.send = function send\(event, context, responseStatus, responseData, physicalResourceId, noEcho\)/);
});

test('Python source goes to index.py; cfnresponse only comes with `import cfnresponse`', () => {
  assert.deepEqual(Object.keys(files(inlineZip('def handler(e, c):\n    return 1\n', 'python3.12'))), ['index.py']);
  const out = files(inlineZip('import cfnresponse\ndef handler(e, c):\n    pass\n', 'python3.12'));
  assert.deepEqual(Object.keys(out).sort(), ['cfnresponse.py', 'index.py']);
  assert.match(out['cfnresponse.py'], /^def send\(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None\):$/m);
});

test('other runtimes cannot take inline code', () => {
  assert.throws(() => inlineZip('x', 'java21'), { code: 'InvalidParameterValueException', message: 'ZipFile can only be used with Node.js and Python runtimes (Runtime: java21).' });
  assert.throws(() => inlineZip('x', undefined), { code: 'InvalidParameterValueException' });
});
