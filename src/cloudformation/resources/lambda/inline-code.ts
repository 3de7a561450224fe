// Code.ZipFile: CloudFormation takes the inline source text, writes it to `index.js`
// (Node.js, a CommonJS file) or `index.py` (Python) and zips it. Beside it goes the
// response module for custom resources: `cfn-response` for Node.js, and `cfnresponse` for
// Python when the code says `import cfnresponse`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { AwsError } from '../../../protocol/errors.ts';
import { packageRoot } from '../../../paths.ts';

const modulesDir = join(packageRoot, 'src', 'cloudformation', 'resources', 'lambda', 'response-modules');
const moduleText = (file: string) => readFileSync(join(modulesDir, file));

/** The zip CloudFormation builds from inline source for a runtime. */
export function inlineZip(source: string, runtime: string | undefined): Buffer {
  if (runtime?.startsWith('nodejs')) {
    return Buffer.from(
      zipSync({
        'index.js': strToU8(source),
        'node_modules/cfn-response/index.js': moduleText('cfn-response.js'),
      }),
    );
  }
  if (runtime?.startsWith('python')) {
    const files: Record<string, Uint8Array> = { 'index.py': strToU8(source) };
    if (/^\s*import cfnresponse\s*$/m.test(source)) files['cfnresponse.py'] = moduleText('cfnresponse.py');
    return Buffer.from(zipSync(files));
  }
  throw new AwsError('InvalidParameterValueException', `ZipFile can only be used with Node.js and Python runtimes (Runtime: ${runtime ?? 'not set'}).`);
}
